# SPDX-License-Identifier: GPL-2.0-or-later
# The conformance suite's rules, one test firmware each (NAME.cpp, NAME.expected): read by the
# firmware build (firmware/CMakeLists.txt: the board's and QEMU's images) and by the tests
# (../CMakeLists.txt: sim.conformance.NAME), so that a new rule is one line here. fp_context needs
# the FPU and is listed on its own in both.
set(ASYNCBOARD_CONFORMANCE_RULES
    exceptions nesting psp_thread fault_handler_bus fault_handler_usage fault_divide fault_bus_pc fault_unaligned
    return_state udf_resume shcsr_state unaligned_trap_later
    svc_priority exc_return_checks invalid_state fetch_faults coprocessor_absent it_state divide_trap_ordinary
    unprivileged_scs word_alignment nmi wfi_wake)
# The registers of the SCB, SysTick and the NVIC as firmware sees them (ARMv7-M B3.2-B3.4).
list(APPEND ASYNCBOARD_CONFORMANCE_RULES
    icsr_state aircr_prigroup priority_bits fault_status_w1c ccr_bits systick_registers nvic_registers
    vectpending_masks)
