// Micro-benchmarks of the ServeMux: routing a mix of requests against a table of 200 REST routes (literals,
// wildcards, multi wildcards, three hosts, all the usual methods), serving through serveHttp, and building the
// table. Build: cmake -DSWITCHBOARD_BENCH=ON -DCMAKE_BUILD_TYPE=Release.

#include "httpcore/Handler.h"
#include "httpcore/mux/ServeMux.h"

#include <QByteArray>
#include <QByteArrayList>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include <benchmark/benchmark.h>

using namespace Qt::StringLiterals;
using namespace httpcore;

namespace
{

const char *const Resources[] = {"users",   "orders",     "products",  "invoices",  "customers",
                                 "carts",   "payments",   "shipments", "reviews",   "categories",
                                 "coupons", "warehouses", "suppliers", "employees", "projects",
                                 "tickets", "comments",   "tags",      "webhooks",  "sessions"};

// routeTable returns 200 patterns: 8 per resource (collection, item, history, search), 4 per nested pair, and a
// few host routes, static files and probes.
QByteArrayList routeTable()
{
    QByteArrayList routes;
    for (const char *res : Resources) {
        const QByteArray base = "/api/v1/"_ba + res;
        routes << "GET " + base << "POST " + base << "GET " + base + "/{id}"
               << "PUT " + base + "/{id}"
               << "PATCH " + base + "/{id}"
               << "DELETE " + base + "/{id}"
               << "GET " + base + "/{id}/history"
               << "GET " + base + "/search";
    }
    const char *const pairs[][2] = {{"users", "orders"},     {"users", "sessions"},   {"orders", "payments"},
                                    {"orders", "shipments"}, {"products", "reviews"}, {"projects", "tickets"},
                                    {"tickets", "comments"}, {"customers", "carts"}};
    for (const auto &pair : pairs) {
        const QByteArray base = "/api/v1/"_ba + pair[0] + "/{pid}/" + pair[1];
        routes << "GET " + base << "POST " + base << "GET " + base + "/{cid}"
               << "DELETE " + base + "/{cid}";
    }
    routes << "GET /{$}"
           << "GET /healthz"
           << "GET /static/{path...}"
           << "/docs/"
           << "GET admin.example.com/{$}"
           << "GET admin.example.com/users/{id}"
           << "POST admin.example.com/users/{id}/ban"
           << "GET static.example.com/{path...}";
    return routes;
}

struct Probe
{
    QByteArray method;
    QByteArray host;
    QByteArray path;
};

// probes is the request mix: mostly routed requests, some 404, 405 and redirects, as a mock server sees them.
std::vector<Probe> probes()
{
    return {
        {"GET", "localhost:8080", "/api/v1/users"},
        {"GET", "localhost:8080", "/api/v1/users/42"},
        {"PUT", "localhost:8080", "/api/v1/orders/9001"},
        {"PATCH", "localhost:8080", "/api/v1/products/sku-123"},
        {"DELETE", "localhost:8080", "/api/v1/coupons/SPRING24"},
        {"GET", "localhost:8080", "/api/v1/invoices/2024-0012/history"},
        {"GET", "localhost:8080", "/api/v1/customers/search"},
        {"POST", "localhost:8080", "/api/v1/tickets"},
        {"GET", "localhost:8080", "/api/v1/users/42/orders"},
        {"GET", "localhost:8080", "/api/v1/orders/7/shipments/3"},
        {"DELETE", "localhost:8080", "/api/v1/tickets/88/comments/5"},
        {"HEAD", "localhost:8080", "/api/v1/webhooks/wh_1"},
        {"GET", "localhost:8080", "/static/js/app.3f9a1c.js"},
        {"GET", "localhost:8080", "/healthz"},
        {"GET", "localhost:8080", "/"},
        {"GET", "localhost:8080", "/docs/guide/getting-started"},
        {"GET", "admin.example.com", "/users/17"},
        {"POST", "admin.example.com", "/users/17/ban"},
        {"GET", "static.example.com", "/img/logo.svg"},
        {"GET", "localhost:8080", "/api/v1/files%2Fa/1"},
        {"GET", "localhost:8080", "/api/v2/users"},
        {"POST", "localhost:8080", "/api/v1/users/42"},
        {"GET", "localhost:8080", "/docs"},
        {"GET", "localhost:8080", "/api/v1/users//42"},
    };
}

std::shared_ptr<const ServeMux> buildMux()
{
    auto mux = std::make_shared<ServeMux>();
    const HandlerPtr handler = HandlerFunc::make([](const ResponsePtr &w, const Request &r) {
        benchmark::DoNotOptimize(r.pathValues.size());
        w->writeHeader(204);
    });
    for (const QByteArray &pattern : routeTable()) {
        if (const auto error = mux->handle(pattern, handler)) {
            std::fprintf(stderr, "bench route refused: %s\n", qPrintable(error->message));
            std::abort();
        }
    }
    if (mux->routeCount() != 200) {
        std::fprintf(stderr, "bench table has %lld routes, not 200\n", static_cast<long long>(mux->routeCount()));
        std::abort();
    }
    return mux;
}

// NullWriter accepts and drops everything: the benchmark measures routing, not response serialisation.
class NullWriter final : public ResponseWriter
{
public:
    Header &header() override { return m_header; }
    void writeHeader(int status) override { m_status = status; }
    qint64 write(QByteArrayView data) override { return data.size(); }
    void flush() override {}
    void finish() override {}
    bool isFinished() const override { return false; }
    int status() const override { return m_status; }
    qint64 bodyBytesWritten() const override { return 0; }

private:
    Header m_header;
    int m_status = 0;
};

void BM_MuxMatchMixed(benchmark::State &state)
{
    const auto mux = buildMux();
    const std::vector<Probe> mix = probes();
    for (auto _ : state) {
        for (const Probe &p : mix) {
            const ServeMux::Match m = mux->match(p.method, p.host, p.path);
            benchmark::DoNotOptimize(m.kind);
        }
    }
    state.SetItemsProcessed(state.iterations() * qint64(mix.size()));
}
BENCHMARK(BM_MuxMatchMixed);

// BM_MuxMatchRouted routes only requests that reach a handler (the common case of a mock server).
void BM_MuxMatchRouted(benchmark::State &state)
{
    const auto mux = buildMux();
    std::vector<Probe> routed;
    for (const Probe &p : probes()) {
        if (mux->match(p.method, p.host, p.path).kind == ServeMux::Match::Kind::Route)
            routed.push_back(p);
    }
    for (auto _ : state) {
        for (const Probe &p : routed) {
            const ServeMux::Match m = mux->match(p.method, p.host, p.path);
            benchmark::DoNotOptimize(m.handler);
        }
    }
    state.SetItemsProcessed(state.iterations() * qint64(routed.size()));
}
BENCHMARK(BM_MuxMatchRouted);

// BM_MuxServeHttp goes through serveHttp: routing, the request copy with path values, the handler call.
void BM_MuxServeHttp(benchmark::State &state)
{
    const auto mux = buildMux();
    std::vector<Request> requests;
    for (const Probe &p : probes()) {
        Request r;
        r.method = p.method;
        r.host = p.host;
        r.target = p.path;
        const auto url = Url::parseRequestTarget(p.path, p.method);
        if (!url)
            std::abort();
        r.url = *url;
        requests.push_back(std::move(r));
    }
    const auto writer = std::make_shared<NullWriter>();
    for (auto _ : state) {
        for (const Request &r : requests)
            mux->serveHttp(writer, r);
    }
    state.SetItemsProcessed(state.iterations() * qint64(requests.size()));
}
BENCHMARK(BM_MuxServeHttp);

// BM_MuxBuild200 registers the whole table, conflict checks included.
void BM_MuxBuild200(benchmark::State &state)
{
    for (auto _ : state) {
        const auto mux = buildMux();
        benchmark::DoNotOptimize(mux.get());
    }
    state.SetItemsProcessed(state.iterations() * 200);
}
BENCHMARK(BM_MuxBuild200);

} // namespace

BENCHMARK_MAIN();
