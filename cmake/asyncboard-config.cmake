# SPDX-License-Identifier: MIT
# find_package(asyncboard): the asyncio runtime for the board and for this machine, the functions
# that build firmware and tests with it (asyncboard-functions.cmake), and the simulator that runs
# them (ASYNCBOARD_EXECUTABLE). Works on an installed tree (<prefix>/lib/cmake/asyncboard) and on
# asyncboard's build tree (<checkout>/build), whose asyncboard-paths.cmake says where things are.
#
# Licences: the runtime -- what is linked into firmware and host programs -- is MIT; the simulator
# (asyncboard, which links Unicorn) is GPL-2.0-or-later. See share/doc/asyncboard or the checkout.
include("${CMAKE_CURRENT_LIST_DIR}/asyncboard-paths.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/asyncboard-functions.cmake")

# The board half (cross-compiling with the toolchain file) gets the board's runtime, the host half
# the POSIX one; either may be missing from a build tree that was not built with it.
if(CMAKE_CROSSCOMPILING)
  set(_asyncboard_targets "${CMAKE_CURRENT_LIST_DIR}/asyncboard-board-targets.cmake")
else()
  set(_asyncboard_targets "${CMAKE_CURRENT_LIST_DIR}/asyncboard-posix-targets.cmake")
endif()
if(NOT EXISTS "${_asyncboard_targets}")
  set(asyncboard_FOUND FALSE)
  set(asyncboard_NOT_FOUND_MESSAGE "${_asyncboard_targets} is missing: build asyncboard first (cmake --build build "
                                   "in its checkout), or install it (cmake --install build --prefix PREFIX)")
  return()
endif()
if(NOT TARGET asyncboard::asyncio_board AND NOT TARGET asyncboard::asyncio_posix)
  include("${_asyncboard_targets}")
endif()
if(NOT EXISTS "${ASYNCBOARD_EXECUTABLE}")
  message(WARNING "asyncboard: the simulator ${ASYNCBOARD_EXECUTABLE} is not there; firmware builds, scenarios won't run")
endif()
