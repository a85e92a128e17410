// test_duration: placeholder
