#include "ui/routes/RouteSetDocument.h"

#include "httpcore/mock/convert/ConvertFiles.h"
#include "httpcore/mock/file/RouteSetFile.h"
#include "httpcore/mock/file/RouteSetValidator.h"
#include "ui/routes/RouteChecks.h"

#include <QDir>
#include <QFileInfo>
#include <QUndoCommand>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

QString quoted(const QString &text)
{
    return u"\u201C"_s + text + u"\u201D"_s;
}

} // namespace

// EditCommand is one edit: the whole set before and after it. Route sets are implicitly shared Qt containers,
// so the two copies share everything the edit did not touch.
class RouteSetDocument::EditCommand final : public QUndoCommand
{
public:
    EditCommand(RouteSetDocument *document, const QString &text, mock::RouteSet before, mock::RouteSet after)
        : QUndoCommand(text), m_document(document), m_before(std::move(before)), m_after(std::move(after))
    {}

    void undo() override { m_document->replaceSet(m_before); }
    void redo() override { m_document->replaceSet(m_after); }

private:
    RouteSetDocument *m_document; // not owned; the document owns the stack that owns this command
    mock::RouteSet m_before;
    mock::RouteSet m_after;
};

RouteSetDocument::RouteSetDocument(QObject *parent) : QObject(parent), m_undoStack(new QUndoStack(this))
{
    connect(m_undoStack, &QUndoStack::cleanChanged, this, [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
}

RouteSetDocument::~RouteSetDocument()
{
    // The commands call back into the document: delete them while it is whole.
    m_undoStack->blockSignals(true);
    m_undoStack->clear();
}

QString RouteSetDocument::baseDirectory() const
{
    return m_filePath.isEmpty() ? QString() : QFileInfo(m_filePath).absolutePath();
}

bool RouteSetDocument::isModified() const
{
    return !m_undoStack->isClean();
}

std::optional<QString> RouteSetDocument::load(const QString &path)
{
    httpcore::Expected<mock::RouteSet, QList<mock::FileProblem>> loaded = mock::RouteSetFile::load(path);
    if (!loaded)
        return mock::problemStrings(loaded.error()).join(u'\n');
    reset(std::move(loaded).value(), path);
    return std::nullopt;
}

std::optional<QString> RouteSetDocument::save()
{
    if (m_filePath.isEmpty())
        return u"The route set has no file yet: use Save As"_s;
    return saveAs(m_filePath);
}

std::optional<QString> RouteSetDocument::saveAs(const QString &path)
{
    const QString targetDir = QFileInfo(path).absolutePath();
    mock::RouteSet toSave = m_set;
    // An unsaved set (an import) has its relative body files resolved from the current directory.
    const QString fromDir = m_filePath.isEmpty() ? QDir::currentPath() : baseDirectory();
    if (QDir(fromDir) != QDir(targetDir))
        mock::rebaseBodyFiles(toSave, fromDir, targetDir);

    // The loader refuses a set with problems: saving one would write a file that cannot be opened again.
    const QList<mock::FileProblem> problems = mock::RouteSetValidator::validate(toSave, targetDir);
    if (!problems.isEmpty()) {
        return u"Cannot save %1: the route set has problems:\n%2"_s.arg(quoted(path),
                                                                        mock::problemStrings(problems).join(u'\n'));
    }
    if (std::optional<QString> error = mock::RouteSetFile::save(toSave, path))
        return error;

    if (toSave != m_set) {
        m_undoStack->clear();
        replaceSet(toSave);
    }
    m_undoStack->setClean();
    setFilePath(path);
    return std::nullopt;
}

void RouteSetDocument::reset(const mock::RouteSet &set, const QString &path, ResetState state)
{
    m_undoStack->clear();
    // A clean index of -1 matches no state of the stack, so the document stays modified until it is saved.
    if (state == ResetState::Modified)
        m_undoStack->resetClean();
    replaceSet(set);
    setFilePath(path);
}

bool RouteSetDocument::push(const QString &text, const mock::RouteSet &after)
{
    if (after == m_set)
        return false;
    m_undoStack->push(new EditCommand(this, text, m_set, after));
    return true;
}

void RouteSetDocument::replaceSet(const mock::RouteSet &set)
{
    m_set = set;
    Q_EMIT changed();
}

void RouteSetDocument::setFilePath(const QString &path)
{
    if (path == m_filePath)
        return;
    m_filePath = path;
    Q_EMIT filePathChanged(path);
}

bool RouteSetDocument::addRoute(const mock::Route &route)
{
    mock::RouteSet after = m_set;
    after.routes.append(route);
    return push(tr("Add route %1").arg(quoted(route.id)), after);
}

bool RouteSetDocument::replaceRoute(qsizetype index, const mock::Route &route)
{
    if (!validIndex(index))
        return false;
    mock::RouteSet after = m_set;
    after.routes[index] = route;
    return push(tr("Edit route %1").arg(quoted(route.id)), after);
}

bool RouteSetDocument::removeRoute(qsizetype index)
{
    if (!validIndex(index))
        return false;
    mock::RouteSet after = m_set;
    after.routes.removeAt(index);
    return push(tr("Delete route %1").arg(quoted(m_set.routes[index].id)), after);
}

bool RouteSetDocument::setRouteEnabled(qsizetype index, bool enabled)
{
    if (!validIndex(index))
        return false;
    mock::RouteSet after = m_set;
    after.routes[index].enabled = enabled;
    const QString text = enabled ? tr("Enable route %1") : tr("Disable route %1");
    return push(text.arg(quoted(m_set.routes[index].id)), after);
}

bool RouteSetDocument::duplicateRoute(qsizetype index)
{
    if (!validIndex(index))
        return false;
    mock::Route copy = m_set.routes[index];
    copy.id = RouteChecks::uniqueRouteId(m_set, copy.id + u"-copy"_s);
    copy.enabled = false;
    mock::RouteSet after = m_set;
    after.routes.insert(index + 1, copy);
    return push(tr("Duplicate route %1").arg(quoted(m_set.routes[index].id)), after);
}

bool RouteSetDocument::moveRoute(qsizetype from, qsizetype to)
{
    if (!validIndex(from) || !validIndex(to))
        return false;
    mock::RouteSet after = m_set;
    after.routes.move(from, to);
    return push(tr("Move route %1").arg(quoted(m_set.routes[from].id)), after);
}

bool RouteSetDocument::setMiddleware(const QList<mock::MiddlewareSetting> &middleware)
{
    mock::RouteSet after = m_set;
    after.server.middleware = middleware;
    return push(tr("Change middleware"), after);
}

bool RouteSetDocument::setProxy(const mock::ProxySettings &proxy)
{
    mock::RouteSet after = m_set;
    after.proxy = proxy;
    return push(tr("Change proxy"), after);
}

bool RouteSetDocument::setServer(const mock::ServerSettings &server)
{
    mock::RouteSet after = m_set;
    after.server = server;
    return push(tr("Change server settings"), after);
}

bool RouteSetDocument::setName(const QString &name)
{
    mock::RouteSet after = m_set;
    after.name = name;
    return push(tr("Rename route set"), after);
}

} // namespace ui
