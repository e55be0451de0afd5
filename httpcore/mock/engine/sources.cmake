# The mock engine: route handlers, response selection, rules, templating, faults, proxy. Added to the mock target.
