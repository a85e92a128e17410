// SPDX-License-Identifier: GPL-2.0-or-later
#include "new_project.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <system_error>

#include "../scenario_runner.h"

namespace sim::cli {

namespace fs = std::filesystem;

constexpr const char* kCommon = "common";  // scenarios/templates/common: files every template has

std::vector<std::string> template_names() {
  std::set<std::string> names;
  for (const TemplateFile& f : template_files()) {
    std::string path = f.path;
    std::string name = path.substr(0, path.find('/'));
    if (name != kCommon) names.insert(name);
  }
  return {names.begin(), names.end()};
}

std::string package_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  fs::path root = exe.parent_path().parent_path();
  if (fs::exists(root / "asyncboard-config.cmake")) return root.string();  // a build tree
  return (root / "lib" / "cmake" / "asyncboard").string();                // an install
}

namespace {

// A project (and so a CMake target) name: letters, digits and '_', not starting with a digit.
std::string identifier(const std::string& from) {
  std::string id;
  for (char c : from) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (id.empty() || std::isdigit(static_cast<unsigned char>(id[0]))) id = "app_" + id;
  return id;
}

std::string fill(std::string text, const std::string& name, const std::string& package) {
  for (auto [key, value] : {std::pair<std::string, std::string>{"@NAME@", name}, {"@ASYNCBOARD_DIR@", package}})
    for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
      text.replace(at, key.size(), value);
  return text;
}

int fail(const std::string& why) {
  std::fprintf(stderr, "asyncboard new: %s\n", why.c_str());
  return kUsageOrFileError;
}

}  // namespace

int new_project(const NewOptions& options) {
  std::vector<std::string> names = template_names();
  if (std::find(names.begin(), names.end(), options.template_name) == names.end())
    return fail(fmt::format("no template '{}' (there are: {})", options.template_name, fmt::join(names, ", ")));
  fs::path dir = options.dir;
  std::error_code ec;
  if (fs::exists(dir, ec) && !(fs::is_directory(dir, ec) && fs::is_empty(dir, ec)))
    return fail(fmt::format("{} already exists and is not an empty directory: choose a new one", dir.string()));
  fs::path absolute = fs::absolute(dir, ec);
  std::string name = identifier(options.name.empty() ? absolute.lexically_normal().filename().string() : options.name);
  if (name == "app_" || name.empty()) name = "app";
  std::string package = package_dir();

  std::vector<std::string> written;
  for (const TemplateFile& f : template_files()) {
    std::string path = f.path;
    std::string prefix = path.substr(0, path.find('/') + 1);
    if (prefix != options.template_name + "/" && prefix != std::string(kCommon) + "/") continue;
    fs::path target = dir / path.substr(prefix.size());
    fs::create_directories(target.parent_path(), ec);
    std::ofstream out(target, std::ios::binary);
    out << fill(f.text, name, package);
    if (!out.flush()) return fail(fmt::format("cannot write {}", target.string()));
    written.push_back(path.substr(prefix.size()));
  }
  std::sort(written.begin(), written.end());
  std::printf("asyncboard new: wrote %s (template %s, project %s): %s\n", dir.string().c_str(),
              options.template_name.c_str(), name.c_str(), fmt::format("{}", fmt::join(written, ", ")).c_str());
  std::error_code ec_exe;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec_exe);
  std::string program = ec_exe ? "asyncboard" : exe.string();
  std::printf("next:\n  cd %s\n  cmake -S . -B build && cmake --build build\n  %s run scenario.yaml\n"
              "  %s gui scenario.yaml    # the same in the dashboard\n"
              "  ctest --test-dir build    # the host test of the task code, and the scenario\n",
              dir.string().c_str(), program.c_str(), program.c_str());
  return 0;
}

}  // namespace sim::cli
