# Sources of the built-in middleware, added to the httpcore target.
