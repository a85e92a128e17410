# SPDX-License-Identifier: GPL-2.0-or-later
# Writes OUT, a C++ source holding every file under ROOT (scenarios/templates) as a raw string, for
# `asyncboard new` (sim/cli/new_project.cpp): the program carries its templates, so an installed
# asyncboard needs no source tree. Run by the build: cmake -DROOT=... -DOUT=... -P embed_templates.cmake
file(GLOB_RECURSE files RELATIVE "${ROOT}" "${ROOT}/*/*")
list(SORT files)
set(text "// GENERATED from scenarios/templates by sim/cli/embed_templates.cmake: edit those files.\n")
string(APPEND text "#include \"new_project.h\"\n\nnamespace sim::cli {\n\n")
string(APPEND text "const std::vector<TemplateFile>& template_files() {\n  static const std::vector<TemplateFile> files = {\n")
foreach(f IN LISTS files)
  file(READ "${ROOT}/${f}" content)
  if(content MATCHES "\\)abtpl\"")
    message(FATAL_ERROR "${ROOT}/${f} contains the raw string's delimiter")
  endif()
  string(APPEND text "      {\"${f}\", R\"abtpl(${content})abtpl\"},\n")
endforeach()
string(APPEND text "  };\n  return files;\n}\n\n}  // namespace sim::cli\n")
file(WRITE "${OUT}.tmp" "${text}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
