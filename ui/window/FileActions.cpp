#include "ui/window/FileActions.h"

#include "httpcore/mock/convert/ConvertFiles.h"
#include "ui/routes/RouteSetDocument.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QKeySequence>
#include <QMenu>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

const QString RouteSetFilter = u"Route sets (*.switchboard.json *.json);;All files (*)"_s;

QString reportText(const mock::ImportReport &report, const QString &heading)
{
    const QStringList lines = report.lines();
    if (lines.isEmpty())
        return heading + u"\n\nNothing was left out or approximated."_s;
    return heading + u"\n\n"_s + lines.join(u'\n');
}

} // namespace

FileActions::FileActions(RouteSetDocument *document, const Dialogs &dialogs, QWidget *window)
    : QObject(window), m_document(document), m_dialogs(dialogs), m_window(window)
{
    QAction *action = makeAction(tr("&New"), u"newAction"_s, [this] { newDocument(); });
    action->setShortcut(QKeySequence::New);
    action = makeAction(tr("&Open…"), u"openAction"_s, [this] {
        if (!maybeSave())
            return;
        const QString path = m_dialogs.openFileName(m_window, tr("Open route set"), RouteSetFilter);
        if (!path.isEmpty())
            open(path, false);
    });
    action->setShortcut(QKeySequence::Open);
    action = makeAction(tr("&Save"), u"saveAction"_s, [this] { save(); });
    action->setShortcut(QKeySequence::Save);
    action = makeAction(tr("Save &As…"), u"saveAsAction"_s, [this] { saveAs(); });
    action->setShortcut(QKeySequence::SaveAs);
    m_actions.append(nullptr); // separator
    makeAction(tr("Import &Mockoon environment…"), u"importMockoonAction"_s,
               [this] { importFile(ImportKind::Mockoon); });
    makeAction(tr("Import &OpenAPI document…"), u"importOpenApiAction"_s, [this] { importFile(ImportKind::OpenApi); });
    makeAction(tr("Import &WireMock mappings…"), u"importWireMockAction"_s,
               [this] { importFile(ImportKind::WireMock); });
    makeAction(tr("&Export OpenAPI…"), u"exportOpenApiAction"_s, [this] { exportOpenApi(); });
}

QAction *FileActions::makeAction(const QString &text, const QString &objectName, std::function<void()> run)
{
    auto *action = new QAction(text, this);
    action->setObjectName(objectName);
    connect(action, &QAction::triggered, this, std::move(run));
    m_actions.append(action);
    return action;
}

void FileActions::fillMenu(QMenu *menu, QMenu *recent) const
{
    for (QAction *action : m_actions) {
        if (action)
            menu->addAction(action);
        else
            menu->addSeparator();
        if (recent && action && action->objectName() == u"openAction"_s)
            menu->addMenu(recent);
    }
}

bool FileActions::open(const QString &path, bool ask)
{
    if (ask && !maybeSave())
        return false;
    if (const std::optional<QString> failed = m_document->load(path)) {
        m_dialogs.inform(m_window, tr("Cannot open the route set"), *failed);
        return false;
    }
    Q_EMIT documentReplaced();
    Q_EMIT message(tr("Opened %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool FileActions::maybeSave()
{
    if (!m_document->isModified())
        return true;
    const QString name =
        m_document->filePath().isEmpty() ? tr("Untitled") : QFileInfo(m_document->filePath()).fileName();
    const auto answer = m_dialogs.question(m_window, tr("Unsaved changes"), tr("Save the changes to %1?").arg(name),
                                           QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    switch (answer) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

bool FileActions::save()
{
    if (m_document->filePath().isEmpty())
        return saveAs();
    if (const std::optional<QString> failed = m_document->save()) {
        m_dialogs.inform(m_window, tr("Cannot save the route set"), *failed);
        return false;
    }
    Q_EMIT message(tr("Saved %1").arg(QDir::toNativeSeparators(m_document->filePath())));
    return true;
}

bool FileActions::saveAs()
{
    const QString path = m_dialogs.saveFileName(m_window, tr("Save route set as"), RouteSetFilter);
    if (path.isEmpty())
        return false;
    if (const std::optional<QString> failed = m_document->saveAs(path)) {
        m_dialogs.inform(m_window, tr("Cannot save the route set"), *failed);
        return false;
    }
    Q_EMIT message(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

void FileActions::newDocument()
{
    if (!maybeSave())
        return;
    mock::RouteSet set;
    set.name = tr("Untitled");
    m_document->reset(set);
    Q_EMIT documentReplaced();
}

void FileActions::importFile(ImportKind kind)
{
    if (!maybeSave())
        return;
    const QString caption = kind == ImportKind::Mockoon   ? tr("Import a Mockoon environment")
                            : kind == ImportKind::OpenApi ? tr("Import an OpenAPI document")
                                                          : tr("Import WireMock stub mappings");
    const QString filter = kind == ImportKind::OpenApi ? u"OpenAPI (*.json *.yaml *.yml);;All files (*)"_s
                                                       : u"JSON (*.json);;All files (*)"_s;
    const QString path = m_dialogs.openFileName(m_window, caption, filter);
    if (path.isEmpty())
        return;
    mock::ConvertResult result = kind == ImportKind::Mockoon   ? mock::importMockoonFile(path)
                                 : kind == ImportKind::OpenApi ? mock::importOpenApiFile(path)
                                                               : mock::importWireMockFile(path);
    if (!result) {
        m_dialogs.inform(m_window, tr("Cannot import"), result.error());
        return;
    }
    // Body files resolve from the source's directory; the unsaved document resolves from the current one.
    mock::rebaseBodyFiles(result->set, QFileInfo(path).absolutePath(), QDir::currentPath());
    // An import exists in no file yet: it is unsaved, so closing the window asks before it is lost.
    m_document->reset(result->set, {}, RouteSetDocument::ResetState::Modified);
    Q_EMIT documentReplaced();
    m_dialogs.inform(
        m_window, tr("Import report"),
        reportText(result->report, tr("Imported %n route(s) from %1.", nullptr, int(result->set.routes.size()))
                                       .arg(QDir::toNativeSeparators(path))));
}

void FileActions::exportOpenApi()
{
    const QString path =
        m_dialogs.saveFileName(m_window, tr("Export OpenAPI 3.0"), u"OpenAPI (*.json);;All files (*)"_s);
    if (path.isEmpty())
        return;
    const auto exported = mock::exportOpenApiFile(m_document->set(), path);
    if (!exported) {
        m_dialogs.inform(m_window, tr("Cannot export"), exported.error());
        return;
    }
    m_dialogs.inform(m_window, tr("Export report"),
                     reportText(*exported, tr("Wrote %1.").arg(QDir::toNativeSeparators(path))));
}

} // namespace ui
