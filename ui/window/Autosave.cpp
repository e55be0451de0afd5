#include "ui/window/Autosave.h"

#include "httpcore/mock/file/ProblemList.h"
#include "httpcore/mock/file/RouteSetFile.h"
#include "httpcore/mock/file/RouteSetJsonReader.h"
#include "ui/routes/RouteSetDocument.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>
#include <cerrno>

#include <signal.h>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

const QString SetSuffix = u".switchboard.json"_s;
const QString InfoSuffix = u".autosave.json"_s;

std::optional<QString> writeAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return QCoreApplication::translate("Autosave", "Cannot autosave to %1: %2")
            .arg(QDir::toNativeSeparators(path), file.errorString());
    return std::nullopt;
}

// isRunning reports whether process pid exists (EPERM: it exists, owned by someone else).
bool isRunning(qint64 pid)
{
    return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
}

} // namespace

Autosave::Autosave(RouteSetDocument *document, const QString &directory, QObject *parent)
    : QObject(parent), m_document(document), m_directory(directory), m_pid(QCoreApplication::applicationPid())
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(DefaultInterval);
    connect(&m_timer, &QTimer::timeout, this, &Autosave::saveNow);
    connect(m_document, &RouteSetDocument::changed, this, [this] {
        if (m_document->isModified() && !m_timer.isActive())
            m_timer.start();
    });
    connect(m_document, &RouteSetDocument::modifiedChanged, this, [this](bool modified) {
        if (!modified) {
            m_timer.stop();
            discard();
        }
    });
}

QString Autosave::defaultDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)).filePath(u"autosave"_s);
}

QString Autosave::pathFor(const QString &suffix) const
{
    return QDir(m_directory).filePath(QString::number(m_pid) + suffix);
}

bool Autosave::saveNow()
{
    m_timer.stop();
    if (!m_document->isModified())
        return false;
    if (!QDir().mkpath(m_directory)) {
        Q_EMIT failed(tr("Cannot autosave: cannot make the directory %1").arg(QDir::toNativeSeparators(m_directory)));
        return false;
    }
    // The set first, then the note naming its file: a note always has its set beside it.
    const QString setPath = pathFor(SetSuffix);
    QJsonObject info;
    info.insert(u"file"_s, m_document->filePath());
    info.insert(u"savedAt"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    info.insert(u"pid"_s, m_pid);
    std::optional<QString> error = writeAtomically(setPath, mock::RouteSetFile::toJson(m_document->set()));
    if (!error)
        error = writeAtomically(pathFor(InfoSuffix), QJsonDocument(info).toJson());
    if (error) {
        Q_EMIT failed(*error);
        return false;
    }
    Q_EMIT saved(setPath);
    return true;
}

void Autosave::discard()
{
    QFile::remove(pathFor(InfoSuffix));
    QFile::remove(pathFor(SetSuffix));
}

QList<Autosave::Orphan> Autosave::orphans() const
{
    QList<Orphan> found;
    const QDir dir(m_directory);
    for (const QString &name : dir.entryList({u"*"_s + InfoSuffix}, QDir::Files)) {
        bool numeric = false;
        const qint64 pid = name.left(name.size() - InfoSuffix.size()).toLongLong(&numeric);
        if (!numeric || pid == m_pid || isRunning(pid))
            continue;
        Orphan orphan;
        orphan.infoPath = dir.filePath(name);
        orphan.setPath = dir.filePath(QString::number(pid) + SetSuffix);
        if (!QFileInfo::exists(orphan.setPath))
            continue;
        QFile file(orphan.infoPath);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject info = QJsonDocument::fromJson(file.readAll()).object();
        orphan.filePath = info.value(u"file"_s).toString();
        orphan.savedAt = QDateTime::fromString(info.value(u"savedAt"_s).toString(), Qt::ISODateWithMs);
        if (!orphan.savedAt.isValid())
            orphan.savedAt = QFileInfo(orphan.setPath).lastModified();
        found.append(orphan);
    }
    std::sort(found.begin(), found.end(), [](const Orphan &a, const Orphan &b) { return a.savedAt > b.savedAt; });
    return found;
}

std::optional<QString> Autosave::recover(const Orphan &orphan)
{
    QFile file(orphan.setPath);
    if (!file.open(QIODevice::ReadOnly))
        return tr("Cannot read the autosaved copy %1: %2")
            .arg(QDir::toNativeSeparators(orphan.setPath), file.errorString());
    // Read, not validated: an edit in progress may have problems the window shows as usual, and they must not
    // cost the user the copy.
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &error);
    mock::ProblemList problems(orphan.setPath);
    mock::RouteSet set;
    if (json.isObject() && mock::RouteSetJsonReader::checkFormat(json.object(), problems))
        set = mock::RouteSetJsonReader::read(json.object(), problems);
    if (!json.isObject() || !problems.isEmpty()) {
        const QString why =
            json.isObject() ? mock::problemStrings(problems.problems()).join(u'\n') : error.errorString();
        return tr("Cannot read the autosaved copy %1:\n%2").arg(QDir::toNativeSeparators(orphan.setPath), why);
    }
    m_document->reset(set, orphan.filePath, RouteSetDocument::ResetState::Modified);
    remove(orphan);
    return std::nullopt;
}

void Autosave::remove(const Orphan &orphan)
{
    QFile::remove(orphan.infoPath);
    QFile::remove(orphan.setPath);
}

} // namespace ui
