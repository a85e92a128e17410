// SPDX-License-Identifier: GPL-2.0-or-later
// locate_firmware(): where a scenario's `firmware:` is looked for, in order -- the scenario's own
// project first (beside the file, its build/, its build/firmware/), asyncboard's images last -- and
// an error that lists every place it looked.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "scenario.h"
#include "scenario_runner.h"

namespace sim {
namespace {

namespace fs = std::filesystem;

// A fresh project directory with a scenario in it, and an asyncboard firmware directory beside it.
struct Project {
  fs::path root;
  Project() {
    char name[] = "/tmp/asyncboard-locate-XXXXXX";
    root = mkdtemp(name);
    fs::create_directories(root / "project" / "build" / "firmware");
    fs::create_directories(root / "images");
    setenv("ASYNCBOARD_FIRMWARE_DIR", (root / "images").c_str(), 1);
  }
  ~Project() {
    unsetenv("ASYNCBOARD_FIRMWARE_DIR");
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  std::string scenario() const { return (root / "project" / "scenario.yaml").string(); }
  void touch(const fs::path& relative) const { std::ofstream(root / relative) << "x"; }
};

TEST_CASE("locate_firmware looks in the scenario's project before asyncboard's images", "[scenario][firmware]") {
  Project p;
  p.touch("images/app.elf");
  CHECK(locate_firmware("app", p.scenario()) == (p.root / "images/app.elf").string());
  p.touch("project/build/firmware/app.elf");
  CHECK(locate_firmware("app", p.scenario()) == (p.root / "project/build/firmware/app.elf").string());
  p.touch("project/build/app.elf");
  CHECK(locate_firmware("app", p.scenario()) == (p.root / "project/build/app.elf").string());
  p.touch("project/app.elf");
  CHECK(locate_firmware("app", p.scenario()) == (p.root / "project/app.elf").string());
  // A path is taken relative to the scenario file, as given or with .elf.
  p.touch("project/build/other.elf");
  CHECK(locate_firmware("build/other", p.scenario()) == (p.root / "project/build/other.elf").string());
  CHECK(locate_firmware((p.root / "images/app.elf").string(), p.scenario()) == (p.root / "images/app.elf").string());
}

TEST_CASE("locate_firmware names every place it looked when nothing is there", "[scenario][firmware]") {
  Project p;
  try {
    locate_firmware("missing", p.scenario());
    FAIL("no error for a missing image");
  } catch (const ScenarioError& e) {
    std::string m = e.what();
    for (const char* place : {"project/missing,", "project/missing.elf,", "project/build/missing.elf,",
                              "project/build/firmware/missing.elf,", "images/missing,", "images/missing.elf)"})
      CHECK_THAT(m, Catch::Contains(place));
    CHECK_THAT(m, Catch::StartsWith(p.scenario() + ": firmware 'missing' not found (tried "));
    CHECK_THAT(m, Catch::Contains("build the image first"));
  }
}

}  // namespace
}  // namespace sim
