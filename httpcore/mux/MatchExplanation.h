#pragma once

#include "httpcore/mux/Pattern.h"
#include "httpcore/mux/ServeMux.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <vector>

namespace httpcore
{

// MatchExplanation says why a ServeMux routes a request the way it does, without serving it: the outcome exactly
// as ServeMux::match() decides it (the pattern that answers, a 301 with its location, a 404, or a 405 with its
// Allow list), and every registered pattern that also had something to do with the request, each with a
// one-line reason: it lost on precedence (Go 1.22: the pattern matching a strict subset of requests wins; a
// pattern with a host wins over one without; an exact HEAD pattern wins over GET serving HEAD), it matched only
// as a subtree and the trailing-slash redirect came first, or its method or host does not match (a 405
// candidate). Patterns are listed only when their path matches the request's path, or its path with a trailing
// slash added when that path counts (the 405's Allow list, the "/tree" -> "/tree/" redirect).
//
// The outcome is always ServeMux::match()'s own; the candidates are worked out independently from the parsed
// patterns, and isConsistent() says whether both agree (a false value is a bug in one of them).
//
// A regular value type with no thread affinity. explain() only calls const functions of the mux, so it is
// thread-safe like them; outcome().handler is non-owning and valid while the mux lives.
class MatchExplanation
{
public:
    // Verdict is what became of one registered pattern for the request.
    enum class Verdict : quint8
    {
        Chosen,         // it answers the request
        RedirectTarget, // the request is redirected (301) to a path it matches
        Outranked,      // it matches the request too, but a more specific pattern (or one with a host) wins
        Superseded,     // it matches only as a subtree; the redirect to the path with a trailing slash comes first
        WrongMethod,    // its host and path match but its method does not (a 405 candidate)
        WrongHost       // its method and path match but its host does not
    };

    // Candidate is one registered pattern with what became of it.
    struct Candidate
    {
        // index is the pattern's position in ServeMux::routes() (registration order).
        int index = -1;
        QByteArray pattern;
        Verdict verdict = Verdict::Outranked;
        // reason is one line of plain text saying why ("more specific literal segment wins: ...").
        QString reason;

        friend bool operator==(const Candidate &, const Candidate &) = default;
    };

    // Fit is how one pattern, on its own, relates to the request.
    enum class Fit : quint8
    {
        Matches,     // host, method and path match
        WrongMethod, // host and path match, the method does not
        WrongHost,   // the path matches, the host does not (whatever the method)
        NoPath       // the path does not match
    };

    // explain routes a request through mux as ServeMux::match() does (same arguments: method, the Host field
    // value, the escaped path as sent and the raw query) and explains the outcome. Never fails; thread-safe.
    [[nodiscard]] static MatchExplanation explain(const ServeMux &mux,
                                                  QByteArrayView method,
                                                  QByteArrayView host,
                                                  QByteArrayView path,
                                                  QByteArrayView rawQuery = {});

    // outcome is ServeMux::match()'s result for the request.
    const ServeMux::Match &outcome() const { return m_outcome; }
    // status is what the mux itself answers: 301, 404 or 405; 0 when a route's handler answers.
    int status() const;
    // summary is one line saying what happens: "GET /a/{id} answers", "301 to /dir/", "404 not found",
    // "405 method not allowed (Allow: GET, HEAD)".
    QString summary() const;
    // candidates lists the chosen (or redirect target) pattern first, then the others in registration order.
    const std::vector<Candidate> &candidates() const { return m_candidates; }
    // winner is the candidate that is Chosen or RedirectTarget, or null when there is none.
    const Candidate *winner() const;
    // routedHost and routedPath are what matching used: the host lower-cased without its port, and the path
    // cleaned (both as given for CONNECT).
    const QByteArray &routedHost() const { return m_host; }
    const QByteArray &routedPath() const { return m_path; }
    // fit relates pattern, which need not be registered in the mux (a disabled route, say), to this request.
    Fit fit(const Pattern &pattern) const;
    // isConsistent is true when the independently worked-out candidates agree with the outcome: a route outcome
    // has exactly one Chosen candidate with its pattern and every other full match lost for a known reason; a 404
    // or 405 has no full match and the 405's Allow list is what the WrongMethod candidates give.
    bool isConsistent() const { return m_consistent; }
    // verdictName returns "chosen", "redirect target", "outranked", "superseded", "wrong method" or
    // "wrong host".
    static QString verdictName(Verdict verdict);

private:
    MatchExplanation() = default;
    void addCandidates(const ServeMux &mux);
    void describe(Candidate &c, const Pattern &p, Fit fit, bool viaSlash, const Pattern *winner);
    void checkAllowList();
    QString chosenReason(const Pattern &winner) const;

    QByteArray m_method;
    QByteArray m_host;
    QByteArray m_path;
    // m_slashRedirect: the outcome is the "/tree" -> "/tree/" redirect.
    bool m_slashRedirect = false;
    bool m_consistent = true;
    ServeMux::Match m_outcome;
    std::vector<Candidate> m_candidates;
};

} // namespace httpcore
