// SPDX-License-Identifier: GPL-2.0-or-later
#include "dwt.h"

#include "board/registers.h"

namespace sim {

Dwt::Dwt(const VirtualClock& clock, const bool& trace_enabled)
    : clock_(clock),
      trace_enabled_(trace_enabled),
      map_("DWT", {
                      {board::dwt::CTRL, "CTRL", [this] { return ctrl_ | (4u << 28); },  // NUMCOMP = 4
                       [this](uint32_t v) {
                         base_ = cyccnt();
                         since_ = clock_.now();
                         ctrl_ = v & 1;
                       }},
                      {board::dwt::CYCCNT, "CYCCNT", [this] { return cyccnt(); },
                       [this](uint32_t v) {
                         base_ = v;
                         since_ = clock_.now();
                       }},
                  }) {}

uint32_t Dwt::cyccnt() const {
  if (!counting()) return base_;
  return base_ + static_cast<uint32_t>(clock_.now() - since_);
}

}  // namespace sim
