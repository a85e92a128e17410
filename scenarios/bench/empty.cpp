// SPDX-License-Identifier: MIT
// Benchmark: nothing. On QEMU, its run time is QEMU's own start and exit, which the bench subtracts
// from the compute images' run times to get QEMU's emulation speed.
int main() { return 0; }
