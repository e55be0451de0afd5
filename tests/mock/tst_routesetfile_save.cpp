#include "httpcore/mock/RouteSet.h"
#include "httpcore/mock/file/RouteSetFile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>

#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace mock;

namespace
{

const QString DataDir = QStringLiteral(SWITCHBOARD_SOURCE_DIR "/tests/data/routesets");

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

// richSet returns the route set of the canonical test file, which sets every field of the model somewhere.
RouteSet richSet()
{
    const auto loaded = RouteSetFile::load(DataDir + u"/rich.switchboard.json"_s);
    return loaded ? *loaded : RouteSet{};
}

// DroppedPrivileges makes the process act as "nobody" (when it is root) while it lives, so permission bits
// apply: root ignores them.
class DroppedPrivileges
{
public:
    DroppedPrivileges() : m_wasRoot(::geteuid() == 0) { m_ok = !m_wasRoot || ::seteuid(65534) == 0; }
    ~DroppedPrivileges()
    {
        if (m_wasRoot) [[maybe_unused]]
            const int rc = ::seteuid(0);
    }
    Q_DISABLE_COPY_MOVE(DroppedPrivileges)
    bool ok() const { return m_ok; }

private:
    bool m_wasRoot = false;
    bool m_ok = false;
};

// FileSizeLimit limits the size of files the process writes (RLIMIT_FSIZE) while it lives, with SIGXFSZ
// ignored so an oversized write fails with EFBIG instead of killing the test: a disk that fills up mid-save.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        ::getrlimit(RLIMIT_FSIZE, &m_old);
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_old;
        limit.rlim_cur = bytes;
        m_ok = ::setrlimit(RLIMIT_FSIZE, &limit) == 0;
    }
    ~FileSizeLimit()
    {
        ::setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_oldHandler);
    }
    Q_DISABLE_COPY_MOVE(FileSizeLimit)
    bool ok() const { return m_ok; }

private:
    rlimit m_old{};
    void (*m_oldHandler)(int) = nullptr;
    bool m_ok = false;
};

} // namespace

// tst_RouteSetFileSave checks that saving a route set is atomic: whatever fails, the old file stays as it was
// and no temporary file is left behind, and the error names the file and the reason.
class tst_RouteSetFileSave : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void saveThenLoadRoundTrips();
    void saveReplacesTheFileAndLeavesNoTemporaryFile();
    void saveIntoReadOnlyDirectoryKeepsOldFile();
    void saveOverDirectoryFails();
    void saveIntoMissingDirectoryFails();
    void failingWriteKeepsOldFile_data();
    void failingWriteKeepsOldFile();
    void halfSurrogatePairIsRefusedWithItsPlace();
    void writerKeepsHalfSurrogateAsEscape();
};

void tst_RouteSetFileSave::initTestCase()
{
    QVERIFY(!richSet().routes.isEmpty());
}

void tst_RouteSetFileSave::saveThenLoadRoundTrips()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkpath(u"files"_s));
    QVERIFY(writeFile(dir.filePath(u"files/hello.txt"_s), "hello\n"));
    const QString path = dir.filePath(u"set.json"_s);
    QCOMPARE(RouteSetFile::save(richSet(), path), std::nullopt);
    const auto loaded = RouteSetFile::load(path);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : problemStrings(loaded.error()).join(u'\n')));
    QCOMPARE(*loaded, richSet());
}

void tst_RouteSetFileSave::saveReplacesTheFileAndLeavesNoTemporaryFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"set.json"_s);
    QVERIFY(writeFile(path, "old contents"));
    RouteSet set;
    set.name = u"new"_s;
    QCOMPARE(RouteSetFile::save(set, path), std::nullopt);
    QCOMPARE(readAll(path), RouteSetFile::toJson(set));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"set.json"_s});
}

void tst_RouteSetFileSave::saveIntoReadOnlyDirectoryKeepsOldFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString readOnly = dir.filePath(u"ro"_s);
    QVERIFY(QDir(dir.path()).mkdir(u"ro"_s));
    const QString path = readOnly + u"/set.json"_s;
    const QByteArray old = "{\"format\": 1, \"routes\": []}\n";
    QVERIFY(writeFile(path, old));
    QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                  QFile::ReadOther | QFile::ExeOther));
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
    QVERIFY(QFile::setPermissions(readOnly, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther));
    std::optional<QString> error;
    {
        DroppedPrivileges nobody;
        if (!nobody.ok())
            QSKIP("cannot drop root privileges, and root ignores permission bits");
        error = RouteSetFile::save(richSet(), path);
    }
    QVERIFY(QFile::setPermissions(readOnly, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    QCOMPARE(error.value_or(u"saved"_s), u"cannot save \"%1\": Permission denied"_s.arg(path));
    QCOMPARE(readAll(path), old);
    QCOMPARE(QDir(readOnly).entryList(QDir::Files | QDir::Hidden), QStringList{u"set.json"_s});
}

void tst_RouteSetFileSave::saveOverDirectoryFails()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"set.json"_s);
    QVERIFY(QDir(dir.path()).mkdir(u"set.json"_s));
    QCOMPARE(RouteSetFile::save(richSet(), path), u"cannot save \"%1\": Filename refers to a directory"_s.arg(path));
    QVERIFY(QFileInfo(path).isDir());
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList{u"set.json"_s});
}

void tst_RouteSetFileSave::saveIntoMissingDirectoryFails()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"missing/set.json"_s);
    QCOMPARE(RouteSetFile::save(richSet(), path), u"cannot save \"%1\": No such file or directory"_s.arg(path));
}

void tst_RouteSetFileSave::failingWriteKeepsOldFile_data()
{
    QTest::addColumn<qsizetype>("nameLength");
    // QFileDevice writes what exceeds its buffer at once, and buffers the rest until flush() or commit().
    QTest::addRow("write fails in write()") << qsizetype(40000);
    QTest::addRow("write fails in flush") << qsizetype(3000);
}

void tst_RouteSetFileSave::failingWriteKeepsOldFile()
{
    QFETCH(qsizetype, nameLength);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"set.json"_s);
    const QByteArray old = "{\"format\": 1, \"routes\": []}\n";
    QVERIFY(writeFile(path, old));
    RouteSet big = richSet();
    big.name = QString(nameLength, u'x');
    QVERIFY(RouteSetFile::toJson(big).size() > 4096);
    std::optional<QString> error;
    {
        // The write stops part-way, as on a full disk: the old file must stay, and no temporary file.
        FileSizeLimit limit(4096);
        QVERIFY(limit.ok());
        error = RouteSetFile::save(big, path);
    }
    QCOMPARE(error.value_or(u"saved"_s), u"cannot save \"%1\": File too large"_s.arg(path));
    QCOMPARE(readAll(path), old);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"set.json"_s});
}

void tst_RouteSetFileSave::halfSurrogatePairIsRefusedWithItsPlace()
{
    // Found by fuzz_routeset (docs/fuzzing.md): JSON lets a string escape half of a UTF-16 surrogate pair, which
    // QJsonDocument accepts and UTF-8 cannot hold; it used to load and then be saved as "?".
    const QByteArray json = "{\"format\": 1,\n \"name\": \"a\\ude00b\", \"routes\": []}"_ba;
    const auto loaded = RouteSetFile::parse(json, u"half.json"_s, QString());
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().size(), 1);
    const FileProblem &problem = loaded.error().first();
    QCOMPARE(problem.file, u"half.json"_s);
    QCOMPARE(problem.jsonPath, u"$.name"_s);
    QCOMPARE(problem.line, 2);
    QCOMPARE(problem.column, 10);
    QVERIFY2(problem.message.contains(u"half of a UTF-16 surrogate pair (\\ude00)"_s), qPrintable(problem.message));

    // A key, an array element, and a pair split across two escapes (which is whole) are told apart.
    const auto key = RouteSetFile::parse(R"({"format": 1, "routes": [], "x\ud800": 1})"_ba, u"k.json"_s, QString());
    QVERIFY(!key);
    QVERIFY(std::any_of(key.error().begin(), key.error().end(), [](const FileProblem &p) {
        return p.message.contains(u"surrogate"_s) && p.jsonPath == u"$[\"x\\ud800\"]"_s;
    }));
    const auto whole = RouteSetFile::parse(R"({"format": 1, "name": "\ud83d\ude00 \\ud800", "routes": []})"_ba,
                                           u"w.json"_s, QString());
    QVERIFY(whole.hasValue());
    QCOMPARE(whole->name, QString::fromUtf8("\xf0\x9f\x98\x80 \\ud800"));
}

void tst_RouteSetFileSave::writerKeepsHalfSurrogateAsEscape()
{
    // A set made in memory (an import, say) can still hold half a pair: the writer keeps it as an escape rather
    // than a '?', and loading that file names the field.
    RouteSet set;
    set.name = u"a"_s + QChar(char16_t(0xde00)) + u"b"_s;
    const QByteArray json = RouteSetFile::toJson(set);
    QVERIFY2(json.contains(R"("name": "a\ude00b")"), json.constData());
    const auto loaded = RouteSetFile::parse(json, u"half.json"_s, QString());
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().first().jsonPath, u"$.name"_s);
}

QTEST_GUILESS_MAIN(tst_RouteSetFileSave)
#include "tst_routesetfile_save.moc"
