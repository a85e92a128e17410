# SPDX-License-Identifier: GPL-2.0-or-later
# The Machine's implementation files (machine.h says what each holds), relative to sim/: listed once
# for asyncboard_sim (sim/CMakeLists.txt) and for the fuzz targets' reduced library
# (tests/fuzz/CMakeLists.txt), so that a new file cannot be left out of either.
set(ASYNCBOARD_MACHINE_SOURCES
    machine.cpp
    machine_alignment.cpp
    machine_debug.cpp
    machine_exceptions.cpp
    machine_faults.cpp
    machine_instruction_checks.cpp
    machine_privilege.cpp)
