#pragma once

#include "ui/window/Dialogs.h"

#include <QList>
#include <QObject>

#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace ui
{

class RouteSetDocument;

// FileActions are the File menu of the main window over a RouteSetDocument: New, Open, Save, Save As, Import
// (Mockoon, OpenAPI, WireMock: the imported set replaces the document, unsaved, and the translation report is
// shown), Export OpenAPI, with a prompt for unsaved changes before the document is replaced. Every question and
// file choice goes through the Dialogs seam.
//
// Thread affinity: GUI thread. File operations block on user-sized files.
class FileActions final : public QObject
{
    Q_OBJECT

public:
    // FileActions acts on document and asks through dialogs (a reference to the window's, read at each use);
    // window parents the dialogs. The actions are children of this.
    FileActions(RouteSetDocument *document, const Dialogs &dialogs, QWidget *window);
    Q_DISABLE_COPY_MOVE(FileActions)

    // fillMenu adds the actions to menu, with recent (File > Open Recent, when not null) after Open (the window
    // adds Quit).
    void fillMenu(QMenu *menu, QMenu *recent = nullptr) const;
    // open loads path into the document, after the unsaved-changes prompt when ask is true; false on failure or
    // cancel (the failure shown).
    bool open(const QString &path, bool ask = true);
    // maybeSave asks what to do with unsaved changes: true when the document may now be replaced (saved,
    // discarded, or unmodified), false when the user cancelled or saving failed.
    bool maybeSave();
    bool save();
    bool saveAs();

Q_SIGNALS:
    // documentReplaced is emitted after New, Open or an import put a new set in the document.
    void documentReplaced();
    // message is a short status line ("Saved shop.json").
    void message(const QString &text);

private:
    enum class ImportKind
    {
        Mockoon,
        OpenApi,
        WireMock
    };
    void newDocument();
    void importFile(ImportKind kind);
    void exportOpenApi();
    QAction *makeAction(const QString &text, const QString &objectName, std::function<void()> run);

    RouteSetDocument *m_document;
    const Dialogs &m_dialogs;
    QWidget *m_window;
    QList<QAction *> m_actions;
};

} // namespace ui
