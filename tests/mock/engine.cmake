# Tests of the mock engine (responses, rules, templates, faults, proxy) and the headless binary.
