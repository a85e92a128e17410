# SPDX-License-Identifier: MIT
# Unicorn::Unicorn -- the CPU emulator the board runs on, and ASYNCBOARD_UNICORN_VERSION.
#
# Found first in ASYNCBOARD_UNICORN_PREFIX (.deps/unicorn: Debian 13's 2.1.1, unpacked there by
# tools/fetch-unicorn.sh), linked by full path so that CMake gives the programs an rpath to it
# (they run from build/bin/ with no LD_LIBRARY_PATH); else the system's, through pkg-config.
# Older than 2.1 still builds and runs, with one warning: Unicorn 2.0.1 sends every guest store
# through QEMU's slow "not dirty" path, so memory-heavy firmware runs several times slower.
set(ASYNCBOARD_UNICORN_PREFIX "${CMAKE_CURRENT_LIST_DIR}/../.deps/unicorn" CACHE PATH
    "A Unicorn unpacked from Debian packages (usr/include, usr/lib/<multiarch>), used before the system's")

set(_unicorn_header "")
file(GLOB _unicorn_local_lib "${ASYNCBOARD_UNICORN_PREFIX}/usr/lib/*/libunicorn.so.2")
if(_unicorn_local_lib AND EXISTS "${ASYNCBOARD_UNICORN_PREFIX}/usr/include/unicorn/unicorn.h")
  list(GET _unicorn_local_lib 0 _unicorn_local_lib)
  add_library(Unicorn::Unicorn SHARED IMPORTED)
  set_target_properties(Unicorn::Unicorn PROPERTIES
    IMPORTED_LOCATION "${_unicorn_local_lib}"
    INTERFACE_INCLUDE_DIRECTORIES "${ASYNCBOARD_UNICORN_PREFIX}/usr/include")
  set(_unicorn_header "${ASYNCBOARD_UNICORN_PREFIX}/usr/include/unicorn/unicorn.h")
  set(_unicorn_where "${ASYNCBOARD_UNICORN_PREFIX}")
  set(ASYNCBOARD_UNICORN_PRIVATE_LIB "${_unicorn_local_lib}")  # installed beside the program (cmake/Package.cmake)
else()
  set(ASYNCBOARD_UNICORN_PRIVATE_LIB "")
  pkg_check_modules(UNICORN REQUIRED IMPORTED_TARGET unicorn)
  add_library(Unicorn::Unicorn INTERFACE IMPORTED)
  target_link_libraries(Unicorn::Unicorn INTERFACE PkgConfig::UNICORN)
  find_file(_unicorn_header_found unicorn/unicorn.h HINTS ${UNICORN_INCLUDE_DIRS} NO_CACHE)
  set(_unicorn_header "${_unicorn_header_found}")
  set(_unicorn_where "the system (pkg-config)")
endif()

# The version the headers declare (the loaded library's own is uc_version(), which --version prints).
file(STRINGS "${_unicorn_header}" _unicorn_version_lines REGEX "#define UC_API_(MAJOR|MINOR|PATCH) ")
set(ASYNCBOARD_UNICORN_VERSION "")
foreach(_part MAJOR MINOR PATCH)
  string(REGEX MATCH "UC_API_${_part} ([0-9]+)" _m "${_unicorn_version_lines}")
  list(APPEND ASYNCBOARD_UNICORN_VERSION "${CMAKE_MATCH_1}")
endforeach()
list(JOIN ASYNCBOARD_UNICORN_VERSION "." ASYNCBOARD_UNICORN_VERSION)
message(STATUS "asyncboard: Unicorn ${ASYNCBOARD_UNICORN_VERSION} from ${_unicorn_where}")
if(ASYNCBOARD_UNICORN_VERSION VERSION_LESS 2.1)
  message(WARNING "asyncboard: building against Unicorn ${ASYNCBOARD_UNICORN_VERSION}, older than 2.1: every store the "
                  "firmware makes goes through QEMU's slow \"not dirty\" store path (notdirty_write), so "
                  "memory-heavy firmware runs several times slower. tools/fetch-unicorn.sh puts Debian 13's "
                  "Unicorn 2.1.1 in .deps/unicorn, which the next configure uses.")
endif()
