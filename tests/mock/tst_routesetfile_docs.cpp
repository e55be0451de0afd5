#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/file/RouteSetFile.h"
#include "httpcore/mock/file/RouteSetKeys.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace mock;

namespace
{

const QString SourceDir = QStringLiteral(SWITCHBOARD_SOURCE_DIR);

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QSet<QString> jsonKeys(const QJsonObject &object)
{
    const QStringList keys = object.keys();
    return {keys.cbegin(), keys.cend()};
}

QSet<QString> stringSet(const QJsonValue &array)
{
    QSet<QString> set;
    for (const QJsonValue &value : array.toArray())
        set.insert(value.toString());
    return set;
}

// collectKeys adds the keys of every object in value to keys, except inside middleware settings (free-form).
void collectKeys(const QJsonValue &value, QSet<QString> &keys)
{
    if (value.isArray()) {
        for (const QJsonValue &element : value.toArray())
            collectKeys(element, keys);
        return;
    }
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        keys.insert(it.key());
        if (it.key() != keys::Settings)
            collectKeys(it.value(), keys);
    }
}

} // namespace

// tst_RouteSetFileDocs holds the format's documents to the loader: the bundled example loads and shows the
// features, and the JSON Schema and docs/route-set-format.md describe exactly the keys and names it accepts.
class tst_RouteSetFileDocs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exampleRouteSetLoadsAndCoversTheFeatures();
    void schemaDescribesEveryKeyTheLoaderAccepts();
    void formatDocumentNamesEveryKeyAndEnumerator();
    void formatDocumentExampleLoadsAndUsesEveryKey();
};

void tst_RouteSetFileDocs::exampleRouteSetLoadsAndCoversTheFeatures()
{
    const auto loaded = RouteSetFile::load(SourceDir + u"/resources/examples/shop.switchboard.json"_s);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : problemStrings(loaded.error()).join(u'\n')));
    const RouteSet &set = *loaded;
    QVERIFY(set.routes.size() >= 10);
    bool sse = false, slow = false, flaky = false, auth = false, file = false, paged = false, search = false;
    for (const Route &r : set.routes) {
        QList<int> statuses;
        for (const MockResponse &response : r.responses) {
            statuses.append(response.status);
            sse |= response.contentType == "text/event-stream"_L1 && response.body.count(u"data: "_s) >= 3;
            slow |= response.delay.minMs >= 1000;
            file |= !response.bodyFile.isEmpty();
            for (const Rule &rule : response.rules) {
                auth |= rule.target == RuleTarget::Header && rule.name == "Authorization"_L1;
                paged |= rule.target == RuleTarget::Query && rule.name == "page"_L1;
                search |= rule.target == RuleTarget::Query && rule.name == "q"_L1;
            }
            auth &= !response.isDefault || response.status == 401;
        }
        flaky |= r.mode == RouteMode::Sequence && statuses == QList<int>{200, 200, 503};
    }
    QVERIFY(sse);
    QVERIFY(slow);
    QVERIFY(flaky);
    QVERIFY(auth);
    QVERIFY(file);
    QVERIFY(paged);
    QVERIFY(search);
}

void tst_RouteSetFileDocs::schemaDescribesEveryKeyTheLoaderAccepts()
{
    QJsonParseError error;
    const QJsonDocument document =
        QJsonDocument::fromJson(readAll(SourceDir + u"/docs/route-set.schema.json"_s), &error);
    QCOMPARE(error.errorString(), u"no error occurred"_s);
    const QJsonObject schema = document.object();
    QCOMPARE(schema.value(u"$schema"_s).toString(), u"https://json-schema.org/draft/2020-12/schema"_s);
    const QJsonObject defs = schema.value(u"$defs"_s).toObject();
    for (const ObjectKeys &object : routeSetObjectKeys()) {
        const QJsonObject def = object.kind == "routeSet"_L1 ? schema : defs.value(object.kind).toObject();
        QVERIFY2(!def.isEmpty(), qPrintable(object.kind));
        QCOMPARE(def.value(u"type"_s).toString(), u"object"_s);
        QCOMPARE(def.value(u"additionalProperties"_s), QJsonValue(false));
        const QStringList keys = object.keys;
        QCOMPARE(jsonKeys(def.value(u"properties"_s).toObject()), QSet<QString>(keys.cbegin(), keys.cend()));
        const QStringList required = object.required;
        QCOMPARE(stringSet(def.value(u"required"_s)), QSet<QString>(required.cbegin(), required.cend()));
    }
    const std::pair<const char *, QStringList> enums[] = {{"ruleTarget", enumeratorNames(ruleTargetName)},
                                                          {"ruleOperator", enumeratorNames(ruleOperatorName)},
                                                          {"ruleLogic", enumeratorNames(ruleLogicName)},
                                                          {"faultKind", enumeratorNames(faultKindName)},
                                                          {"routeMode", enumeratorNames(routeModeName)}};
    for (const auto &[name, names] : enums) {
        const QJsonArray values = defs.value(QLatin1StringView(name)).toObject().value(u"enum"_s).toArray();
        QCOMPARE(values.toVariantList(), QVariant(names).toList());
    }
}

void tst_RouteSetFileDocs::formatDocumentNamesEveryKeyAndEnumerator()
{
    const QString doc = QString::fromUtf8(readAll(SourceDir + u"/docs/route-set-format.md"_s));
    QVERIFY(!doc.isEmpty());
    QStringList words;
    for (const ObjectKeys &object : routeSetObjectKeys())
        words += object.keys;
    words += enumeratorNames(ruleTargetName) + enumeratorNames(ruleOperatorName) + enumeratorNames(ruleLogicName) +
             enumeratorNames(faultKindName) + enumeratorNames(routeModeName);
    for (const QString &word : std::as_const(words))
        QVERIFY2(doc.contains(u'`' + word + u'`'), qPrintable(word));
}

void tst_RouteSetFileDocs::formatDocumentExampleLoadsAndUsesEveryKey()
{
    const QString doc = QString::fromUtf8(readAll(SourceDir + u"/docs/route-set-format.md"_s));
    const QString fence = u"```json\n"_s;
    const qsizetype begin = doc.lastIndexOf(fence);
    QVERIFY(begin >= 0);
    const qsizetype end = doc.indexOf(u"```"_s, begin + fence.size());
    QVERIFY(end > begin);
    const QByteArray json = doc.sliced(begin + fence.size(), end - begin - fence.size()).toUtf8();
    // No base directory: the example's relative body file is not looked up.
    const auto loaded = RouteSetFile::parse(json, u"route-set-format.md"_s, {});
    QVERIFY2(loaded, qPrintable(loaded ? QString() : problemStrings(loaded.error()).join(u'\n')));
    QSet<QString> used;
    collectKeys(QJsonDocument::fromJson(json).object(), used);
    for (const ObjectKeys &object : routeSetObjectKeys()) {
        for (const QString &key : object.keys)
            QVERIFY2(used.contains(key), qPrintable(object.kind + u'.' + key));
    }
}

QTEST_GUILESS_MAIN(tst_RouteSetFileDocs)
#include "tst_routesetfile_docs.moc"
