// test_elf_image: placeholder
