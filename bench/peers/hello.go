// hello is the Go net/http peer that bench/run-peers.sh measures Switchboard against:
// GET /hello -> "Hello, World!\n" (text/plain; charset=utf-8), like switchboard's built-in demo.
// It prints "listening on http://H:P" once accepting, as switchboard does; -addr with port 0 picks a free
// port. Build: go build -o hello-go hello.go (Go 1.19, standard library only). Run with GOMAXPROCS=1 to
// compare with switchboard --workers 1.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
)

var hello = []byte("Hello, World!\n")

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "address to listen on (port 0 picks a free one)")
	flag.Parse()

	mux := http.NewServeMux()
	mux.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write(hello)
	})

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stdout, "listening on http://%s\n", ln.Addr())
	log.Fatal((&http.Server{Handler: mux}).Serve(ln))
}
