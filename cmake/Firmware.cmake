# add_firmware(NAME SOURCES...): a firmware image build/firmware/NAME.elf linked against the
# asyncio runtime's board port. Used only in the arm-none-eabi half of the build.
#
# Optimisation is fixed at -O2 in every configuration: GCC turns coroutine symmetric transfer into a
# tail call only when optimising, and without it a chain of awaits grows the stack.
add_compile_options(-Wall -Wextra -O2 -g -flto)
add_link_options(-flto=auto -O2)

# add_qemu_firmware(NAME SOURCES...): build/firmware/qemu/NAME.elf, the same sources for QEMU's
# mps2-an385 (runtime/ports/qemu_mps2): bare firmware only, no asyncio.
function(add_qemu_firmware name)
  add_executable(qemu_${name} ${ARGN})
  target_link_libraries(qemu_${name} PRIVATE qemu_mps2_port)
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
