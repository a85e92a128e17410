// test_nvic: placeholder
