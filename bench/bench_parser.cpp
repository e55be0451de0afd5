// Micro-benchmarks of RequestParser: a typical browser request, a pipelined burst, byte-at-a-time arrival
// and a chunked upload. Build: cmake -DSWITCHBOARD_BENCH=ON -DCMAKE_BUILD_TYPE=Release.

#include "httpcore/RequestParser.h"

#include <QByteArray>

#include <cstdio>
#include <cstdlib>

#include <benchmark/benchmark.h>

using namespace Qt::StringLiterals;
using httpcore::RequestParser;

namespace
{

// typicalRequest is what a current desktop browser sends for a page navigation (about 500 bytes).
QByteArray typicalRequest()
{
    return "GET /dashboard/projects?team=42&sort=updated HTTP/1.1\r\n"
           "Host: app.example.com\r\n"
           "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0\r\n"
           "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
           "Accept-Language: en-US,en;q=0.5\r\n"
           "Accept-Encoding: gzip, deflate, br\r\n"
           "Connection: keep-alive\r\n"
           "Cookie: session=7f3a9c2e41b84d0f; theme=dark\r\n"
           "Referer: https://app.example.com/dashboard\r\n"
           "Sec-Fetch-Dest: document\r\n"
           "Sec-Fetch-Mode: navigate\r\n"
           "Sec-Fetch-Site: same-origin\r\n"
           "\r\n"_ba;
}

QByteArray smallRequest()
{
    return "GET /api/items?id=7 HTTP/1.1\r\nHost: localhost:8080\r\nAccept: application/json\r\n\r\n"_ba;
}

// chunkedPost is an upload of 8 chunks of 512 bytes with a trailer field.
QByteArray chunkedPost()
{
    QByteArray r = "POST /upload HTTP/1.1\r\nHost: localhost:8080\r\nContent-Type: application/octet-stream\r\n"
                   "Transfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n"_ba;
    for (int i = 0; i < 8; ++i)
        r += "200;part=" + QByteArray::number(i) + "\r\n" + QByteArray(512, char('a' + i)) + "\r\n";
    r += "0\r\nX-Checksum: 8f14e45f\r\n\r\n"_ba;
    return r;
}

// parseAll parses every request in input, which must hold only complete requests, and returns how many
// there were. Any parse error aborts the benchmark: the numbers would be meaningless.
int parseAll(RequestParser &parser, QByteArrayView input)
{
    int messages = 0;
    qsizetype offset = 0;
    while (offset < input.size()) {
        const RequestParser::Step step = parser.parse(input.sliced(offset));
        offset += step.consumed;
        switch (step.event) {
        case RequestParser::Event::NeedMore:
            std::fprintf(stderr, "bench input is incomplete\n");
            std::abort();
        case RequestParser::Event::HeadComplete:
            benchmark::DoNotOptimize(parser.request().header.size());
            break;
        case RequestParser::Event::Body:
            benchmark::DoNotOptimize(step.body.data());
            break;
        case RequestParser::Event::MessageComplete:
            ++messages;
            parser.reset();
            break;
        case RequestParser::Event::Error:
            std::fprintf(stderr, "bench input rejected: %s\n", parser.error().reason.constData());
            std::abort();
        }
    }
    return messages;
}

void BM_ParseTypicalRequest(benchmark::State &state)
{
    const QByteArray request = typicalRequest();
    RequestParser parser;
    for (auto _ : state)
        benchmark::DoNotOptimize(parseAll(parser, request));
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * request.size());
    state.SetLabel(std::to_string(request.size()) + " bytes");
}
BENCHMARK(BM_ParseTypicalRequest);

void BM_ParsePipelined16(benchmark::State &state)
{
    const QByteArray burst = typicalRequest().repeated(16);
    RequestParser parser;
    for (auto _ : state)
        benchmark::DoNotOptimize(parseAll(parser, burst));
    state.SetItemsProcessed(state.iterations() * 16);
    state.SetBytesProcessed(state.iterations() * burst.size());
}
BENCHMARK(BM_ParsePipelined16);

// BM_ParseByteAtATime delivers one more byte per parse() call, as a slow client would: the parser must
// not rescan what it has already seen.
void BM_ParseByteAtATime(benchmark::State &state)
{
    const QByteArray request = smallRequest();
    RequestParser parser;
    for (auto _ : state) {
        qsizetype start = 0;
        qsizetype available = 1;
        for (;;) {
            const RequestParser::Step step = parser.parse(QByteArrayView(request).sliced(start, available - start));
            start += step.consumed;
            if (step.event == RequestParser::Event::MessageComplete)
                break;
            if (step.event == RequestParser::Event::Error) {
                state.SkipWithError("request rejected");
                return;
            }
            if (step.event == RequestParser::Event::NeedMore)
                ++available;
        }
        benchmark::DoNotOptimize(parser.request().header.size());
        parser.reset();
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * request.size());
    state.SetLabel(std::to_string(request.size()) + " bytes");
}
BENCHMARK(BM_ParseByteAtATime);

void BM_ParseChunkedPost(benchmark::State &state)
{
    const QByteArray request = chunkedPost();
    RequestParser parser;
    for (auto _ : state)
        benchmark::DoNotOptimize(parseAll(parser, request));
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * request.size());
    state.SetLabel(std::to_string(request.size()) + " bytes");
}
BENCHMARK(BM_ParseChunkedPost);

} // namespace

BENCHMARK_MAIN();
