#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <optional>

namespace ui
{

class RouteSetDocument;

// Autosave keeps a copy of a modified RouteSetDocument in a directory of its own, so that a crash loses at most
// one interval of edits, and finds the copies that runs which ended without saving left behind, for the next
// start to offer them back.
//
// A run's copy is two files named after its process id: "<pid>.switchboard.json" (the route set, as
// mock::RouteSetFile writes it) and "<pid>.autosave.json" (the file the set belongs to, when it was copied),
// each written atomically (QSaveFile). The copy is written interval() after an edit (edits in between are
// folded into one write), and removed when the document becomes unmodified (saved, or undone to its saved
// state) and by discard() (the window closed normally). A copy whose process no longer runs is an orphan.
//
// Thread affinity: GUI thread. The writes block on a user-sized file.
class Autosave final : public QObject
{
    Q_OBJECT

public:
    // Orphan is a copy left by a run that has ended.
    struct Orphan
    {
        // setPath and infoPath are the copy's two files.
        QString setPath;
        QString infoPath;
        // filePath is the route-set file the copy belongs to (empty: it was never saved).
        QString filePath;
        QDateTime savedAt;
    };

    // DefaultInterval is the delay from an edit to its copy (milliseconds).
    static constexpr int DefaultInterval = 30'000;

    // Autosave watches document and keeps its copies in directory (made when first needed).
    Autosave(RouteSetDocument *document, const QString &directory, QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(Autosave)

    // defaultDirectory is "autosave" in the application's local data directory.
    static QString defaultDirectory();

    QString directory() const { return m_directory; }
    // setDirectory moves where the copies go (the current copy, if any, stays where it was).
    void setDirectory(const QString &directory) { m_directory = directory; }
    int interval() const { return m_timer.interval(); }
    void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    // setProcessId names the run the copies belong to (default: this process). A copy is an orphan once its
    // process has ended.
    void setProcessId(qint64 pid) { m_pid = pid; }

    // saveNow writes the copy at once when the document is modified; it returns whether a copy was written
    // (failed is emitted when writing failed).
    bool saveNow();
    // discard removes this run's copy, if any.
    void discard();
    // orphans returns the copies of runs that have ended, newest first.
    QList<Orphan> orphans() const;
    // recover puts orphan's set in the document, modified, as belonging to orphan's file, and removes the copy.
    // On failure (the copy cannot be read) it returns a message naming the copy, and changes nothing.
    [[nodiscard]] std::optional<QString> recover(const Orphan &orphan);
    // remove deletes orphan's files.
    static void remove(const Orphan &orphan);

Q_SIGNALS:
    // saved is emitted after a copy was written to path.
    void saved(const QString &path);
    // failed is emitted when a copy could not be written, with a message naming the file.
    void failed(const QString &message);

private:
    QString pathFor(const QString &suffix) const;

    RouteSetDocument *m_document;
    QString m_directory;
    qint64 m_pid;
    // m_timer fires interval() after the first unsaved edit since the last copy.
    QTimer m_timer;
};

} // namespace ui
