# SPDX-License-Identifier: MIT
# The functions a firmware project calls (installed with the package; asyncboard's own firmware
# uses them too). A project is configured for the host, as any CMake project; the first
# asyncboard_add_firmware() there configures the same project again for the board, with the
# arm-none-eabi toolchain, in <build>/firmware-build (an ExternalProject), where the images are
# made. So one `cmake -S . -B build && cmake --build build` builds both halves:
#
#   host half (the system's compiler):     asyncboard_add_host_test(), asyncboard_add_scenario()
#   board half (arm-none-eabi, automatic):  asyncboard_add_firmware() -> <build>/NAME.elf
include_guard(GLOBAL)

# asyncboard_add_firmware(NAME SOURCES...): the firmware image NAME.elf, linked against the asyncio
# runtime's board port (startup code, vector table, linker script), in ASYNCBOARD_FIRMWARE_OUTPUT_DIR
# (the host build directory of the project). Optimisation is -O2 with LTO in every configuration:
# GCC turns coroutine symmetric transfer into a tail call only when optimising.
function(asyncboard_add_firmware name)
  if(NOT CMAKE_CROSSCOMPILING)
    _asyncboard_board_half()
    return()
  endif()
  if(NOT TARGET asyncboard::asyncio_board)
    message(FATAL_ERROR "asyncboard_add_firmware(${name}): the board's runtime (asyncboard::asyncio_board) is not "
                        "there. find_package(asyncboard) first; with a build tree, build asyncboard itself "
                        "(cmake --build <asyncboard>/build) so that its board libraries exist.")
  endif()
  set(out "${ASYNCBOARD_FIRMWARE_OUTPUT_DIR}")
  if(NOT out)
    set(out "${PROJECT_BINARY_DIR}")
  endif()
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE asyncboard::asyncio_board)
  target_compile_options(${name} PRIVATE -O2 -g -flto)
  target_link_options(${name} PRIVATE -O2 -flto=auto "-Wl,-Map=${out}/${name}.map")
  set_target_properties(${name} PROPERTIES SUFFIX ".elf" RUNTIME_OUTPUT_DIRECTORY "${out}")
endfunction()

# asyncboard_add_host_test(NAME SOURCES...): the same task code built for this machine (the
# runtime's POSIX port) with Catch2 v2, registered with ctest. Nothing in the board half.
function(asyncboard_add_host_test name)
  if(CMAKE_CROSSCOMPILING)
    return()
  endif()
  find_package(Catch2 2 QUIET)
  if(NOT Catch2_FOUND)
    message(FATAL_ERROR "asyncboard_add_host_test(${name}): Catch2 v2 not found. On Debian: sudo apt install catch2")
  endif()
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE asyncboard::asyncio_posix Catch2::Catch2)
  add_test(NAME ${name} COMMAND ${name})
endfunction()

# asyncboard_add_scenario(FILE): a ctest test that runs the scenario with `asyncboard run` (its
# firmware: found beside the file or in the build directory, see asyncboard's scenarios/README.md).
function(asyncboard_add_scenario file)
  if(CMAKE_CROSSCOMPILING)
    return()
  endif()
  get_filename_component(path "${file}" ABSOLUTE)
  get_filename_component(stem "${file}" NAME_WE)
  add_test(NAME ${PROJECT_NAME}.${stem} COMMAND "${ASYNCBOARD_EXECUTABLE}" run "${path}")
  set_tests_properties(${PROJECT_NAME}.${stem} PROPERTIES ENVIRONMENT "ASYNCBOARD_PROJECT_BUILD=${PROJECT_BINARY_DIR}")
endfunction()

# The board half of this project: configured once, on the first asyncboard_add_firmware().
function(_asyncboard_board_half)
  get_property(done GLOBAL PROPERTY _ASYNCBOARD_BOARD_HALF)
  if(done)
    return()
  endif()
  set_property(GLOBAL PROPERTY _ASYNCBOARD_BOARD_HALF ON)
  find_program(ASYNCBOARD_ARM_GXX arm-none-eabi-g++)
  if(NOT ASYNCBOARD_ARM_GXX)
    message(FATAL_ERROR "asyncboard: arm-none-eabi-g++ not found, so the firmware cannot be built. On Debian 12: "
                        "sudo apt install gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib")
  endif()
  include(ExternalProject)
  ExternalProject_Add(asyncboard_board_half  # (a name of ours: `firmware` may be the user's)
    SOURCE_DIR "${PROJECT_SOURCE_DIR}"
    BINARY_DIR "${PROJECT_BINARY_DIR}/firmware-build"
    CMAKE_ARGS
      "-DCMAKE_TOOLCHAIN_FILE=${ASYNCBOARD_TOOLCHAIN_FILE}"
      "-Dasyncboard_DIR=${asyncboard_DIR}"
      "-DASYNCBOARD_FIRMWARE_OUTPUT_DIR=${PROJECT_BINARY_DIR}"
      "-DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}"
    BUILD_ALWAYS ON
    INSTALL_COMMAND ""
    USES_TERMINAL_BUILD ON)
endfunction()
