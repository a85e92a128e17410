# SPDX-License-Identifier: MIT
# asyncboard as a CMake package: find_package(asyncboard) works on this build tree (its
# asyncboard-config.cmake is written into the build directory) and on an installed tree
# (`cmake --install build --prefix P`). Included by both halves of the build:
#
#   host half:   asyncboard (the program), asyncio_posix, the headers, the package files; the
#                install also runs the board half's install into the same prefix
#   board half:  asyncio_board and machine_board (arm objects and archive), the linker scripts
#
#   <prefix>/bin/asyncboard                       lib/asyncboard/libunicorn.so.2 (when private)
#   <prefix>/include/asyncboard/{asyncio,machine,board}/...
#   <prefix>/lib/asyncboard/{board,posix,ld}/...   share/asyncboard/firmware/*.elf (the demos)
#   <prefix>/lib/cmake/asyncboard/asyncboard-config.cmake, -functions, -paths, -*-targets, arm-none-eabi.cmake
#   <prefix>/share/doc/asyncboard/{LICENSE,LICENSES/*}
set(_pkg lib/cmake/asyncboard)
set(_src "${CMAKE_CURRENT_LIST_DIR}/..")

if(ASYNCBOARD_FIRMWARE)
  install(TARGETS asyncio_board machine_board EXPORT asyncboardBoard
    OBJECTS DESTINATION lib/asyncboard/board ARCHIVE DESTINATION lib/asyncboard/board)
  install(EXPORT asyncboardBoard NAMESPACE asyncboard:: DESTINATION ${_pkg} FILE asyncboard-board-targets.cmake)
  install(FILES "${_src}/runtime/ports/board/board.ld" "${_src}/runtime/ports/board/board_sections.ld"
    DESTINATION lib/asyncboard/ld)
  if(ASYNCBOARD_PACKAGE_DIR)
    export(EXPORT asyncboardBoard NAMESPACE asyncboard:: FILE "${ASYNCBOARD_PACKAGE_DIR}/asyncboard-board-targets.cmake")
  endif()
  return()
endif()

include(CMakePackageConfigHelpers)
# 0.x: a project asks for the minor version it was written against.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/asyncboard-config-version.cmake"
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)  # (the board half is 32-bit)

# The build tree's package: the config and functions copied, the paths to this build and checkout.
configure_file("${_src}/cmake/asyncboard-config.cmake" "${PROJECT_BINARY_DIR}/asyncboard-config.cmake" COPYONLY)
configure_file("${_src}/cmake/asyncboard-functions.cmake" "${PROJECT_BINARY_DIR}/asyncboard-functions.cmake" COPYONLY)
file(GENERATE OUTPUT "${PROJECT_BINARY_DIR}/asyncboard-paths.cmake" CONTENT
"# Where asyncboard's build tree keeps things (written by cmake/Package.cmake).
set(ASYNCBOARD_VERSION ${PROJECT_VERSION})
set(ASYNCBOARD_EXECUTABLE \"$<TARGET_FILE:asyncboard>\")
get_filename_component(ASYNCBOARD_TOOLCHAIN_FILE \"${_src}/cmake/arm-none-eabi.cmake\" ABSOLUTE)
")
export(TARGETS asyncio_posix NAMESPACE asyncboard:: FILE "${PROJECT_BINARY_DIR}/asyncboard-posix-targets.cmake")

# The installed tree.
install(TARGETS asyncboard RUNTIME DESTINATION bin)
if(ASYNCBOARD_UNICORN_PRIVATE_LIB)
  # The Unicorn set-up unpacked into .deps/: installed beside the program, found through its rpath.
  install(FILES "${ASYNCBOARD_UNICORN_PRIVATE_LIB}" DESTINATION lib/asyncboard)
  set_target_properties(asyncboard PROPERTIES INSTALL_RPATH "$ORIGIN/../lib/asyncboard")
endif()
install(TARGETS asyncio_posix EXPORT asyncboardPosix ARCHIVE DESTINATION lib/asyncboard/posix)
install(EXPORT asyncboardPosix NAMESPACE asyncboard:: DESTINATION ${_pkg} FILE asyncboard-posix-targets.cmake)
install(DIRECTORY "${_src}/runtime/include/" "${_src}/runtime/ports/posix/include/"
  "${_src}/runtime/ports/board/include/" DESTINATION include/asyncboard)
install(DIRECTORY "${_src}/devices/include/board" DESTINATION include/asyncboard)
install(FILES "${_src}/cmake/asyncboard-config.cmake" "${_src}/cmake/asyncboard-functions.cmake"
  "${_src}/cmake/arm-none-eabi.cmake" "${PROJECT_BINARY_DIR}/asyncboard-config-version.cmake" DESTINATION ${_pkg})
file(WRITE "${PROJECT_BINARY_DIR}/asyncboard-paths-installed.cmake"
"# Where an installed asyncboard keeps things: relative to this file, <prefix>/lib/cmake/asyncboard.
set(ASYNCBOARD_VERSION ${PROJECT_VERSION})
get_filename_component(_asyncboard_prefix \"\${CMAKE_CURRENT_LIST_DIR}/../../..\" ABSOLUTE)
set(ASYNCBOARD_EXECUTABLE \"\${_asyncboard_prefix}/bin/asyncboard\")
set(ASYNCBOARD_TOOLCHAIN_FILE \"\${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake\")
")
install(FILES "${PROJECT_BINARY_DIR}/asyncboard-paths-installed.cmake" DESTINATION ${_pkg} RENAME asyncboard-paths.cmake)
install(FILES "${_src}/LICENSE" DESTINATION share/doc/asyncboard)
install(DIRECTORY "${_src}/LICENSES" DESTINATION share/doc/asyncboard)
# The demos' images (what scenarios/*/scenario.yaml name), for `asyncboard gui` with no file and
# for scenarios that name them; not the test and bench images.
file(GLOB _demo_scenarios "${_src}/scenarios/*/scenario.yaml")
set(_demo_images "")
foreach(_scenario IN LISTS _demo_scenarios)
  file(STRINGS "${_scenario}" _line REGEX "^firmware: *[A-Za-z0-9_]+")
  string(REGEX REPLACE "^firmware: *([A-Za-z0-9_]+).*" "\\1" _image "${_line}")
  list(APPEND _demo_images "${PROJECT_BINARY_DIR}/firmware/${_image}.elf")
endforeach()
list(REMOVE_DUPLICATES _demo_images)
install(FILES ${_demo_images} DESTINATION share/asyncboard/firmware)
# The board half is an ExternalProject (firmware-build/): its install goes into the same prefix.
install(CODE "
  execute_process(COMMAND \"${CMAKE_COMMAND}\" --install \"${PROJECT_BINARY_DIR}/firmware-build\"
                          --prefix \"\${CMAKE_INSTALL_PREFIX}\" RESULT_VARIABLE _asyncboard_board_install)
  if(_asyncboard_board_install)
    message(FATAL_ERROR \"asyncboard: installing the board half (firmware-build) failed\")
  endif()")
