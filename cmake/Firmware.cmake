# add_firmware(NAME SOURCES...): a firmware image build/firmware/NAME.elf linked against the
# asyncio runtime's board port. Used only in the arm-none-eabi half of the build.
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
    RUNTIME_OUTPUT_DIRECTORY "${FIRMWARE_OUTPUT_DIR}/qemu")
endfunction()

function(add_firmware name)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE asyncio_board)
  set_target_properties(${name} PROPERTIES
    SUFFIX ".elf"
    RUNTIME_OUTPUT_DIRECTORY "${FIRMWARE_OUTPUT_DIR}")
  target_link_options(${name} PRIVATE "-Wl,-Map=${FIRMWARE_OUTPUT_DIR}/${name}.map")
endfunction()
