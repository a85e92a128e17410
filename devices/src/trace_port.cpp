// SPDX-License-Identifier: GPL-2.0-or-later
// The trace port's register behaviour: decoding EVENT words into task records and events (see
// devices/trace_port.h for the protocol, board/registers.h for the codes).
#include "devices/trace_port.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "board/registers.h"
#include "board/trace_ring.h"

namespace devices {

namespace {
constexpr uint32_t tr_mask() { return board::trace_ring::kEventMask; }
}  // namespace

static_assert(static_cast<uint32_t>(TaskEventKind::InterruptWoke) == board::trace::EVENT_INTERRUPT_WOKE &&
              static_cast<uint32_t>(TaskEventKind::Woke) == board::trace::EVENT_WOKE);
static_assert(static_cast<uint32_t>(TaskState::Cancelled) == board::trace::STATE_CANCELLED &&
              kTaskStateCount == board::trace::STATE_CANCELLED + 1);
static_assert(static_cast<uint32_t>(WaitReason::Gather) == board::trace::REASON_GATHER &&
              kWaitReasonCount == board::trace::REASON_GATHER + 1);

const char* to_string(TaskEventKind kind) {
  switch (kind) {
    case TaskEventKind::Created: return "created";
    case TaskEventKind::Resumed: return "resumed";
    case TaskEventKind::Suspended: return "suspended";
    case TaskEventKind::Finished: return "finished";
    case TaskEventKind::InterruptWoke: return "interrupt-woke";
    case TaskEventKind::Woke: return "woke";
  }
  return "?";
}

const char* to_string(TaskState state) {
  switch (state) {
    case TaskState::Ready: return "ready";
    case TaskState::Running: return "running";
    case TaskState::Sleeping: return "sleeping";
    case TaskState::Waiting: return "waiting";
    case TaskState::Done: return "done";
    case TaskState::Failed: return "failed";
    case TaskState::Cancelled: return "cancelled";
  }
  return "?";
}

const char* to_string(WaitReason reason) {
  switch (reason) {
    case WaitReason::None: return "";
    case WaitReason::Sleep: return "sleep";
    case WaitReason::Event: return "event";
    case WaitReason::Lock: return "lock";
    case WaitReason::Flag: return "flag";
    case WaitReason::Stream: return "stream";
    case WaitReason::Task: return "task";
    case WaitReason::WaitFor: return "wait-for";
    case WaitReason::Gather: return "gather";
  }
  return "?";
}

TracePort::TracePort(std::string name, EventScheduler& clock, const GuestMemory& memory)
    : name_(std::move(name)),
      clock_(clock),
      memory_(memory),
      registers_(name_, {
          {board::trace::CTRL, "CTRL", [this] { return enabled_ ? board::trace::CTRL_ENABLED : 0u; }, nullptr},
          {board::trace::TASK, "TASK", nullptr, [this](uint32_t v) { if (enabled_) task_ = v; }},
          {board::trace::NAME, "NAME", nullptr, [this](uint32_t v) { if (enabled_) name_address_ = v; }},
          {board::trace::EVENT, "EVENT", nullptr, [this](uint32_t v) { if (enabled_) commit(v, clock_.now_ns()); }},
          {board::trace::WAKER, "WAKER", nullptr, [this](uint32_t v) { if (enabled_) waker_ = v; }},
          {board::trace::FRAMES, "FRAMES", nullptr, [this](uint32_t v) { if (enabled_) frames_ = v; }},
          {board::trace::DUE, "DUE", nullptr, [this](uint32_t v) { if (enabled_) due_ = v; }},
          {board::trace::RING, "RING", nullptr, [this](uint32_t v) { if (enabled_) attach_ring(v); }},
      }, board::definition::table(board::definition::kTraceRegisters)) {}

void TracePort::on_event(std::function<void(const TaskEvent&, const TaskRecord&)> observer) {
  observers_.push_back(std::move(observer));
}

std::vector<const TaskRecord*> TracePort::tasks() const {
  std::vector<const TaskRecord*> all;
  for (const auto& [serial, record] : tasks_) all.push_back(&record);
  return all;
}

const TaskRecord* TracePort::find(std::string_view name) const {
  for (auto it = tasks_.rbegin(); it != tasks_.rend(); ++it)
    if (it->second.name == name) return &it->second;
  return nullptr;
}

const TaskRecord* TracePort::task(uint32_t serial) const {
  auto it = tasks_.find(serial);
  return it == tasks_.end() ? nullptr : &it->second;
}

// A task's name as the firmware stores it: read a byte at a time, so a short name at the very end
// of a memory region reads as well as any other.
std::string TracePort::read_name(uint32_t address) const {
  std::string name;
  for (size_t i = 0; i < kMaxNameLength; ++i) {
    char c = 0;
    if (!memory_.read(address + static_cast<uint32_t>(i), &c, 1)) {
      registers_.report(fmt::format("task name at 0x{:08X} is not readable memory", address));
      break;
    }
    if (c == '\0') break;
    name.push_back(c);
  }
  return name;
}

// The record an event is about. Created always starts a new one: a task's memory is reused once it
// has finished. (A live task with the same id was dropped without an event: new_event_loop() ends
// queued tasks cancelled without running them.) An event about a task never announced -- tracing
// enabled mid-run -- starts an unnamed record too.
TaskRecord& TracePort::record_for(uint32_t id, bool created, Nanoseconds now) {
  if (last_ && last_->id == id && !created) return *last_;
  auto live = live_.find(id);
  if (live != live_.end()) {
    TaskRecord& known = *live->second;
    if (!created) return *(last_ = &known);
    known.state = TaskState::Cancelled;
    known.waits_on = WaitReason::None;
    known.since = now;
    finished_.push_back(known.serial);
  }
  TaskRecord& record = tasks_[next_serial_];
  record.serial = next_serial_++;
  record.id = id;
  record.since = now;
  live_[id] = &record;
  return *(last_ = &record);
}

void TracePort::commit(uint32_t value, Nanoseconds now) {
  uint32_t code = value & 0xFF;
  uint32_t state = (value >> board::trace::EVENT_STATE_SHIFT) & 0xFF;
  uint32_t reason = (value >> board::trace::EVENT_REASON_SHIFT) & 0xFF;
  uint32_t name_address = name_address_;
  uint32_t waker_id = waker_;
  std::optional<uint32_t> frames = std::exchange(frames_, std::nullopt), due = std::exchange(due_, std::nullopt);
  name_address_ = waker_ = 0;
  if (code > board::trace::EVENT_WOKE || state >= kTaskStateCount || reason >= kWaitReasonCount) {
    registers_.report(fmt::format("EVENT 0x{:08X} ignored: event code {}, state {} or waits-on {} is unknown", value,
                                  code, state, reason));
    return;
  }
  auto kind = static_cast<TaskEventKind>(code);
  TaskRecord& record = record_for(task_, kind == TaskEventKind::Created, now);
  if (name_address) record.name = read_name(name_address);
  // The loop reports a resumed task as Ready (it runs while its state says it is due); the port
  // says what it is doing.
  TaskState state_now = kind == TaskEventKind::Resumed ? TaskState::Running : static_cast<TaskState>(state);
  if (kind == TaskEventKind::Resumed) ++record.wakes;
  if (state_now != record.state || kind == TaskEventKind::Created) record.since = now;
  record.state = state_now;
  record.waits_on = static_cast<WaitReason>(reason);
  if (kind == TaskEventKind::Suspended) {
    if (frames) record.frame_bytes = *frames;
    record.due_ms = record.waits_on == WaitReason::Sleep && due ? *due : 0;
  }
  TaskEvent event{now, kind, record.serial, record.state, record.waits_on};
  if (kind == TaskEventKind::Woke && waker_id) {
    // The waker is live, or has just finished (its awaiters are woken right after its Finished).
    if (auto live = live_.find(waker_id); live != live_.end()) {
      event.waker = live->second->serial;
    } else {
      for (auto it = finished_.rbegin(); it != finished_.rend() && !event.waker; ++it)
        if (tasks_.at(*it).id == waker_id) event.waker = *it;
    }
  }
  if (record.finished()) {
    live_.erase(record.id);
    last_ = nullptr;
    finished_.push_back(record.serial);
  }
  // By index, from a deque: an observer may add observers (a deque's elements stay where they are).
  for (size_t i = 0; i < observers_.size(); ++i) observers_[i](event, record);
  forget_old_finished();
}

bool TracePort::read_word(uint32_t address, uint32_t& out) const {
  if (const uint8_t* p = memory_.direct(address, 4)) {
    std::memcpy(&out, p, 4);
    return true;
  }
  return memory_.read(address, &out, 4);
}

// RING: the firmware's ring, checked before it is trusted (a wrong address or a stale image must
// give a diagnostic, not a stream of nonsense events).
void TracePort::attach_ring(uint32_t address) {
  namespace tr = board::trace_ring;
  ring_.reset();
  if (address == 0) return;
  uint32_t magic = 0, size = 0, head = 0;
  uint8_t layout[5] = {};
  if (!read_word(address + tr::MAGIC, magic) || !read_word(address + tr::SIZE, size) ||
      !read_word(address + tr::HEAD, head) || !memory_.read(address + tr::LAYOUT, layout, sizeof layout)) {
    registers_.report(fmt::format("RING 0x{:08X} ignored: not readable memory", address));
    return;
  }
  if (magic != tr::kMagic || size == 0 || size > tr::kMaxSize || (size & (size - 1)) || (address & 3) ||
      !memory_.direct(address + tr::WORDS, size * 4) || !memory_.direct(address + tr::HEAD, 4)) {
    registers_.report(fmt::format("RING 0x{:08X} ignored: no trace ring there (magic 0x{:08X}, size {}; expected "
                                  "magic 0x{:08X}, a power of two up to {} words, in RAM)",
                                  address, magic, size, tr::kMagic, tr::kMaxSize));
    return;
  }
  ring_ = Ring{address, size, layout[0], layout[1], layout[2], layout[3], layout[4], 0,
               memory_.direct(address + tr::WORDS, size * 4), memory_.direct(address + tr::HEAD, 4)};
  ring_->node_span = std::max({layout[0] + 1u, layout[1] + 1u, layout[2] + 4u, layout[3] + 4u, layout[4] + 4u});
  ring_tail_ = head;
  if (ring_observer_) ring_observer_();
}

std::optional<uint32_t> TracePort::ring_head_address() const {
  if (!ring_) return std::nullopt;
  return ring_->address + board::trace_ring::HEAD;
}

void TracePort::drain() {
  namespace tr = board::trace_ring;
  if (!ring_) return;
  const uint8_t* words = ring_->words;
  uint32_t head = 0;
  std::memcpy(&head, ring_->head, 4);
  if (!enabled_) {  // dropped, as the stimulus registers drop what is written while disabled
    ring_tail_ = head;
    return;
  }
  if (head - ring_tail_ > ring_->size) {
    registers_.report(fmt::format("trace ring overran: {} events lost", head - ring_tail_ - ring_->size));
    ring_tail_ = head - ring_->size;
  }
  uint32_t mask = ring_->size - 1;
  Nanoseconds now = clock_.now_ns();  // every event of a block has its time
  auto word_at = [&](uint32_t i) {
    uint32_t w;
    std::memcpy(&w, words + 4 * (i & mask), 4);
    return w;
  };
  while (ring_tail_ != head) {
    uint32_t word = word_at(ring_tail_);
    uint32_t waker = 0;
    if ((word & tr::kEventMask) == board::trace::EVENT_WOKE) {
      if (ring_tail_ + 1 == head) break;  // its waker word is not written yet: take both next time
      waker = word_at(ring_tail_ + 1);
      ++ring_tail_;
    }
    ++ring_tail_;
    take_ring_word(word, waker, now);
  }
}

// One ring word: the event, with the task's state and the rest as its record holds them now.
void TracePort::take_ring_word(uint32_t word, uint32_t waker, Nanoseconds now) {
  uint32_t task = word & ~tr_mask();
  uint32_t code = word & tr_mask();
  const uint8_t* node = memory_.direct(task, ring_->node_span);
  uint8_t state = 0, reason = 0;
  if (!node) {
    registers_.report(fmt::format("trace ring word 0x{:08X} ignored: task 0x{:08X} is not in RAM", word, task));
    return;
  }
  state = node[ring_->state];
  reason = node[ring_->reason];
  task_ = task;
  waker_ = waker;
  if (code == board::trace::EVENT_CREATED) std::memcpy(&name_address_, node + ring_->name, 4);
  if (code == board::trace::EVENT_SUSPENDED) {
    int32_t frames = 0;
    uint32_t due = 0;
    std::memcpy(&frames, node + ring_->frame_bytes, 4);
    std::memcpy(&due, node + ring_->key, 4);  // the low word of the due tick, as DUE carries it
    frames_ = frames > 0 ? static_cast<uint32_t>(frames) : 0u;
    if (reason == board::trace::REASON_SLEEP) due_ = due;
  }
  commit(code | static_cast<uint32_t>(state) << board::trace::EVENT_STATE_SHIFT |
         static_cast<uint32_t>(reason) << board::trace::EVENT_REASON_SHIFT, now);
}

void TracePort::forget_old_finished() {
  while (finished_.size() > kFinishedTasksKept) {
    tasks_.erase(finished_.front());
    finished_.pop_front();
  }
}

}  // namespace devices
