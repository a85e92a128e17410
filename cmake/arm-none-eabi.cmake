# SPDX-License-Identifier: MIT
# Toolchain file for the board's firmware: Debian's arm-none-eabi GCC with newlib, Cortex-M4, Thumb.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
set(CMAKE_OBJCOPY arm-none-eabi-objcopy)
set(CMAKE_SIZE arm-none-eabi-size)
# Nothing can be linked without our startup code and linker script: test the compiler as a library.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# Soft float by default (the libraries are built so); firmware may compile FPU code with -mfpu=fpv4-sp-d16
# -mfloat-abi=softfp, and the simulator stacks the FP context on exception entry (tests/sim/firmware/fp_context.cpp).
set(ASYNCBOARD_CPU_FLAGS "-mcpu=cortex-m4 -mthumb -mfloat-abi=soft")
set(CMAKE_C_FLAGS_INIT "${ASYNCBOARD_CPU_FLAGS} -ffunction-sections -fdata-sections")
set(CMAKE_CXX_FLAGS_INIT "${ASYNCBOARD_CPU_FLAGS} -ffunction-sections -fdata-sections -fno-rtti -fno-threadsafe-statics")
set(CMAKE_EXE_LINKER_FLAGS_INIT "${ASYNCBOARD_CPU_FLAGS} -nostartfiles -Wl,--gc-sections")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
