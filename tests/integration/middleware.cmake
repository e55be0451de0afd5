# Integration tests of the middleware and the mux over real sockets.
