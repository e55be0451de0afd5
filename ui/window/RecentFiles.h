#pragma once

#include <QMenu>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace ui
{

// RecentFiles is the File > Open Recent menu: the route-set files opened or saved last, newest first, at most
// MaxFiles, kept in the application's QSettings (key "recentFiles") so they outlive the run. Choosing one emits
// openRequested; the menu ends with "Clear Menu".
//
// Thread affinity: GUI thread.
class RecentFiles final : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxFiles = 8;

    // RecentFiles reads the list from QSettings; the menu is parented to menuParent (without one, the RecentFiles
    // owns it).
    explicit RecentFiles(QWidget *menuParent);
    ~RecentFiles() override;
    Q_DISABLE_COPY_MOVE(RecentFiles)

    QMenu *menu() const { return m_menu.data(); }
    QStringList files() const { return m_files; }
    // add puts path (made absolute) first, dropping an older entry of it and the oldest beyond MaxFiles.
    void add(const QString &path);
    // remove drops path (a file that has gone).
    void remove(const QString &path);
    void clear();

Q_SIGNALS:
    // openRequested is emitted when the user chose path in the menu.
    void openRequested(const QString &path);

private:
    void store();
    void rebuildMenu();

    QPointer<QMenu> m_menu;
    QStringList m_files;
};

} // namespace ui
