#include "httpcore/StatusText.h"

using namespace Qt::StringLiterals;

namespace httpcore
{

// The reason phrases are the IANA "HTTP Status Code Registry" entries (RFC 9110 §15 and the RFCs it cites),
// plus 418, which RFC 9110 §15.5.19 reserves as "(Unused)" but which every client knows as the teapot. Unused
// and unassigned codes (306, 419, ...) have no phrase; the writer then says "status code N", as Go does.
// The literals are static data: no allocation per call.
QByteArray statusText(int status)
{
    switch (status) {
    case 100:
        return "Continue"_ba;
    case 101:
        return "Switching Protocols"_ba;
    case 102:
        return "Processing"_ba; // RFC 2518
    case 103:
        return "Early Hints"_ba; // RFC 8297
    case 200:
        return "OK"_ba;
    case 201:
        return "Created"_ba;
    case 202:
        return "Accepted"_ba;
    case 203:
        return "Non-Authoritative Information"_ba;
    case 204:
        return "No Content"_ba;
    case 205:
        return "Reset Content"_ba;
    case 206:
        return "Partial Content"_ba;
    case 207:
        return "Multi-Status"_ba; // RFC 4918
    case 208:
        return "Already Reported"_ba; // RFC 5842
    case 226:
        return "IM Used"_ba; // RFC 3229
    case 300:
        return "Multiple Choices"_ba;
    case 301:
        return "Moved Permanently"_ba;
    case 302:
        return "Found"_ba;
    case 303:
        return "See Other"_ba;
    case 304:
        return "Not Modified"_ba;
    case 305:
        return "Use Proxy"_ba;
    case 307:
        return "Temporary Redirect"_ba;
    case 308:
        return "Permanent Redirect"_ba;
    case 400:
        return "Bad Request"_ba;
    case 401:
        return "Unauthorized"_ba;
    case 402:
        return "Payment Required"_ba;
    case 403:
        return "Forbidden"_ba;
    case 404:
        return "Not Found"_ba;
    case 405:
        return "Method Not Allowed"_ba;
    case 406:
        return "Not Acceptable"_ba;
    case 407:
        return "Proxy Authentication Required"_ba;
    case 408:
        return "Request Timeout"_ba;
    case 409:
        return "Conflict"_ba;
    case 410:
        return "Gone"_ba;
    case 411:
        return "Length Required"_ba;
    case 412:
        return "Precondition Failed"_ba;
    case 413:
        return "Content Too Large"_ba;
    case 414:
        return "URI Too Long"_ba;
    case 415:
        return "Unsupported Media Type"_ba;
    case 416:
        return "Range Not Satisfiable"_ba;
    case 417:
        return "Expectation Failed"_ba;
    case 418:
        return "I'm a teapot"_ba; // RFC 2324
    case 421:
        return "Misdirected Request"_ba;
    case 422:
        return "Unprocessable Content"_ba;
    case 423:
        return "Locked"_ba; // RFC 4918
    case 424:
        return "Failed Dependency"_ba; // RFC 4918
    case 425:
        return "Too Early"_ba; // RFC 8470
    case 426:
        return "Upgrade Required"_ba;
    case 428:
        return "Precondition Required"_ba; // RFC 6585
    case 429:
        return "Too Many Requests"_ba; // RFC 6585
    case 431:
        return "Request Header Fields Too Large"_ba; // RFC 6585
    case 451:
        return "Unavailable For Legal Reasons"_ba; // RFC 7725
    case 500:
        return "Internal Server Error"_ba;
    case 501:
        return "Not Implemented"_ba;
    case 502:
        return "Bad Gateway"_ba;
    case 503:
        return "Service Unavailable"_ba;
    case 504:
        return "Gateway Timeout"_ba;
    case 505:
        return "HTTP Version Not Supported"_ba;
    case 506:
        return "Variant Also Negotiates"_ba; // RFC 2295
    case 507:
        return "Insufficient Storage"_ba; // RFC 4918
    case 508:
        return "Loop Detected"_ba; // RFC 5842
    case 510:
        return "Not Extended"_ba; // RFC 2774
    case 511:
        return "Network Authentication Required"_ba; // RFC 6585
    default:
        return {};
    }
}

// RFC 9110 §15.2: 1xx responses end at their header section; §15.3.5 and §15.4.5: 204 and 304 cannot
// contain content. RFC 9112 §6.3 rule 1 makes the same three body-less whatever their header fields say.
bool bodyAllowedForStatus(int status)
{
    if (status >= 100 && status <= 199)
        return false;
    return status != 204 && status != 304;
}

} // namespace httpcore
