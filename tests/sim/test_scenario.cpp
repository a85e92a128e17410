// test_scenario: placeholder
