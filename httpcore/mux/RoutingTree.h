#pragma once

#include "httpcore/mux/Pattern.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QByteArrayView>
#include <QVarLengthArray>

#include <memory>

namespace httpcore
{

// RoutingTree is the decision tree that finds the most specific pattern matching a request (Go's routingNode):
// the first level branches on the host, the second on the method, the others on consecutive path segments.
// A path node keeps its literal children in a hash map, plus at most one single-wildcard child, one multi
// child and one "{$}" child, so a match costs one hash lookup per segment and never scans the patterns.
//
// Precedence falls out of the search order, given that the ServeMux rejected conflicting patterns first: a
// host's patterns before host-less ones; the exact method, then GET for HEAD, then method-less patterns; at each
// segment a literal child before the wildcard child before the multi child, backtracking when a branch fails.
//
// Each pattern is stored under the caller's id (the ServeMux's route index). Paths are the escaped request
// paths: they are split on '/' first and each segment is percent-decoded after, so "%2F" never splits one.
//
// Thread affinity: built on one thread with add(); after that the const functions are thread-safe. Neither
// copyable nor movable.
class RoutingTree
{
public:
    // Capture is where one wildcard value lies in the escaped path: [begin, end) byte offsets. The value is
    // that slice, percent-decoded.
    struct Capture
    {
        qsizetype begin = 0;
        qsizetype end = 0;
    };
    using Captures = QVarLengthArray<Capture, 8>;

    RoutingTree();
    ~RoutingTree();
    Q_DISABLE_COPY_MOVE(RoutingTree)

    // add stores pattern under id (>= 0). It returns false, and changes nothing, when a pattern with the same
    // host, method and path shape is already stored (the ServeMux reports such a pair as a conflict before).
    [[nodiscard]] bool add(const Pattern &pattern, int id);

    // match returns the id of the most specific pattern matching host (lower-case, without port; may be
    // empty), method and the escaped path, or -1. On a match, captures receives the positions of the named
    // wildcard values in pattern order (an anonymous trailing-slash multi records none); otherwise it is left
    // as it was.
    int match(QByteArrayView host, QByteArrayView method, QByteArrayView path, Captures *captures) const;

    // addMatchingMethods appends to methods (without duplicates) every method for which a pattern with that
    // explicit method matches host and path. Method-less patterns are not looked at.
    void addMatchingMethods(QByteArrayView host, QByteArrayView path, QByteArrayList &methods) const;

    // isEmpty is true while no pattern is stored.
    bool isEmpty() const;

private:
    struct Root;
    std::unique_ptr<Root> m_root;
};

} // namespace httpcore
