// SPDX-License-Identifier: GPL-2.0-or-later
// `asyncboard new DIR [--template blink|button|tcp] [--name NAME]`: writes a firmware project of
// one's own -- main.cpp, app.cpp/.h, test_app.cpp, scenario.yaml, CMakeLists.txt, README.md -- from
// the templates in scenarios/templates (compiled into the program), which builds against this
// asyncboard as a CMake package and whose scenario passes as written.
#pragma once
#include <string>
#include <vector>

namespace sim::cli {

struct TemplateFile {
  const char* path;  // "blink/main.cpp": the template's name, then the file's path in the project
  const char* text;  // with @NAME@ and @ASYNCBOARD_DIR@ to fill in
};
const std::vector<TemplateFile>& template_files();  // project_templates.cpp, generated
std::vector<std::string> template_names();         // "blink", "button", "tcp"

struct NewOptions {
  std::string dir;
  std::string template_name = "blink";
  std::string name;  // default: DIR's last component, made a C identifier
};

// Writes the project and prints what to do next; returns the exit status (0, or 2 with a message
// on stderr: an unknown template, a DIR that exists and is not empty, a write that failed).
int new_project(const NewOptions& options);

// Where find_package(asyncboard) finds the package of the running program: its build tree
// (<build>/asyncboard-config.cmake beside bin/) or its install (<prefix>/lib/cmake/asyncboard).
std::string package_dir();

}  // namespace sim::cli
