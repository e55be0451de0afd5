#pragma once

#include "httpcore/mock/RouteSet.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

class QUndoStack;

namespace ui
{

// RouteSetDocument is the route set being edited (a mock::RouteSet), the file it was loaded from or saved to,
// and the QUndoStack through which every edit goes: each edit function pushes one undo command, so every
// change can be undone and redone, and the document is modified exactly when the stack is not clean.
//
// Edits take route indexes into set().routes; an index out of range, or an edit that would change nothing,
// pushes no command and returns false. Edits do not validate: the route editor and the routes table check
// patterns and ids (RouteChecks) before they edit, and saving checks the whole set.
//
// Lives on the GUI thread, like its undo stack; not thread-safe. File operations do blocking I/O (user-sized
// files).
class RouteSetDocument final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouteSetDocument)

public:
    // RouteSetDocument starts as an empty, unmodified, unsaved set.
    explicit RouteSetDocument(QObject *parent = nullptr);
    ~RouteSetDocument() override;

    const mock::RouteSet &set() const { return m_set; }
    // filePath is the file of the set, empty for a new, unsaved set.
    QString filePath() const { return m_filePath; }
    // baseDirectory is the directory relative body files resolve from: filePath()'s, or empty when unsaved.
    QString baseDirectory() const;
    // isModified is whether the set differs from the file (the undo stack is not clean).
    bool isModified() const;
    // undoStack is the document's undo stack, owned by the document; its undo and redo actions are the
    // window's Edit > Undo and Redo.
    QUndoStack *undoStack() const { return m_undoStack; }

    // load replaces the set with the file at path (mock::RouteSetFile::load) and clears the undo stack. On
    // failure it returns every problem of the file, one per line, each naming the file, and changes nothing.
    [[nodiscard]] std::optional<QString> load(const QString &path);
    // save saves the set to filePath(); see saveAs(). Fails when the set has no file yet.
    [[nodiscard]] std::optional<QString> save();
    // saveAs checks the set (mock::RouteSetValidator, body files resolved from path's directory) and saves it
    // atomically to path (mock::RouteSetFile::save): on any failure it returns a message naming the file (and,
    // for a set with problems, each problem on a line of its own), and the file at path is as it was. Saving
    // into another directory first rewrites relative body-file paths to keep pointing at the same files; as
    // that changes the set outside the undo history, the undo stack is then cleared. On success filePath()
    // becomes path and the document is unmodified.
    [[nodiscard]] std::optional<QString> saveAs(const QString &path);
    // ResetState says whether a set put in by reset() counts as saved in its file.
    enum class ResetState
    {
        Saved,   // File > New, or the file's own contents
        Modified // an import, or changes recovered from an autosave: unsaved until the user saves
    };
    // reset replaces the set (File > New, an import, a recovery) with set, whose file is path (empty: unsaved),
    // and clears the undo stack; the document is then modified when state is Modified.
    void reset(const mock::RouteSet &set, const QString &path = {}, ResetState state = ResetState::Saved);

    // The edits, each one undo command. addRoute appends route; duplicateRoute inserts after index a disabled
    // copy with a fresh id (an enabled copy would conflict with its original); moveRoute moves the route at
    // from to position to.
    bool addRoute(const mock::Route &route);
    bool replaceRoute(qsizetype index, const mock::Route &route);
    bool removeRoute(qsizetype index);
    bool setRouteEnabled(qsizetype index, bool enabled);
    bool duplicateRoute(qsizetype index);
    bool moveRoute(qsizetype from, qsizetype to);
    bool setMiddleware(const QList<mock::MiddlewareSetting> &middleware);
    bool setProxy(const mock::ProxySettings &proxy);
    bool setServer(const mock::ServerSettings &server);
    bool setName(const QString &name);

Q_SIGNALS:
    // changed is emitted after every change of set(): an edit, undo, redo, load or reset.
    void changed();
    // modifiedChanged is emitted when isModified() changes.
    void modifiedChanged(bool modified);
    // filePathChanged is emitted when filePath() changes (load, reset, saveAs).
    void filePathChanged(const QString &path);

private:
    class EditCommand;

    bool push(const QString &text, const mock::RouteSet &after);
    void replaceSet(const mock::RouteSet &set);
    void setFilePath(const QString &path);
    bool validIndex(qsizetype index) const { return index >= 0 && index < m_set.routes.size(); }

    mock::RouteSet m_set;
    QString m_filePath;
    QUndoStack *m_undoStack;
};

} // namespace ui
