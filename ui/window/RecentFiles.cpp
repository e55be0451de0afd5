#include "ui/window/RecentFiles.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

const QString SettingsKey = u"recentFiles"_s;

} // namespace

RecentFiles::RecentFiles(QWidget *menuParent) : QObject(menuParent), m_menu(new QMenu(tr("Open &Recent"), menuParent))
{
    m_menu->setObjectName(u"recentFilesMenu"_s);
    m_files = QSettings().value(SettingsKey).toStringList().mid(0, MaxFiles);
    rebuildMenu();
}

RecentFiles::~RecentFiles()
{
    if (m_menu && !m_menu->parent())
        delete m_menu.data();
}

void RecentFiles::add(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_files.removeAll(absolute);
    m_files.prepend(absolute);
    while (m_files.size() > MaxFiles)
        m_files.removeLast();
    store();
}

void RecentFiles::remove(const QString &path)
{
    if (m_files.removeAll(QFileInfo(path).absoluteFilePath()) > 0)
        store();
}

void RecentFiles::clear()
{
    m_files.clear();
    store();
}

void RecentFiles::store()
{
    QSettings().setValue(SettingsKey, m_files);
    rebuildMenu();
}

void RecentFiles::rebuildMenu()
{
    m_menu->clear();
    for (int i = 0; i < m_files.size(); ++i) {
        const QString path = m_files[i];
        // "&1 shop.switchboard.json", the full path in the status tip; '&' in a name must not become a mnemonic.
        QString name = QFileInfo(path).fileName();
        name.replace(u'&', u"&&"_s);
        QAction *action = m_menu->addAction(i < 9 ? u"&%1 %2"_s.arg(i + 1).arg(name) : name);
        action->setObjectName(u"recentFileAction%1"_s.arg(i));
        action->setData(path);
        action->setStatusTip(QDir::toNativeSeparators(path));
        action->setToolTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { Q_EMIT openRequested(path); });
    }
    if (!m_files.isEmpty())
        m_menu->addSeparator();
    QAction *clearAction = m_menu->addAction(tr("Clear Menu"), this, &RecentFiles::clear);
    clearAction->setObjectName(u"clearRecentFilesAction"_s);
    clearAction->setEnabled(!m_files.isEmpty());
    m_menu->setEnabled(true);
}

} // namespace ui
