# SPDX-License-Identifier: MIT
# asyncboard's own firmware half: the demos and test images (asyncboard_add_firmware(), from
# asyncboard-functions.cmake, puts them in build/firmware/) and QEMU's copies of the bench images.
#
# Optimisation is fixed at -O2 in every configuration: GCC turns coroutine symmetric transfer into a
# tail call only when optimising, and without it a chain of awaits grows the stack.
add_compile_options(-Wall -Wextra -O2 -g -flto)
add_link_options(-flto=auto -O2)

# add_qemu_firmware(NAME [M4] SOURCES...): build/firmware/qemu/NAME.elf, the same sources for QEMU's
# mps2-an385 (or, with M4, mps2-an386: a Cortex-M4 with FPU); see runtime/ports/qemu_mps2. Bare
# firmware only, no asyncio.
function(add_qemu_firmware name)
  set(port qemu_mps2_port)
  set(sources ${ARGN})
  if(ARGV1 STREQUAL "M4")
    set(port qemu_mps2_m4_port)
    list(REMOVE_AT sources 0)
  endif()
  add_executable(qemu_${name} ${sources})
  target_link_libraries(qemu_${name} PRIVATE ${port})
  set_target_properties(qemu_${name} PROPERTIES OUTPUT_NAME ${name} SUFFIX ".elf"
    RUNTIME_OUTPUT_DIRECTORY "${ASYNCBOARD_FIRMWARE_OUTPUT_DIR}/qemu")
endfunction()

include("${CMAKE_CURRENT_LIST_DIR}/asyncboard-functions.cmake")  # asyncboard_add_firmware()
