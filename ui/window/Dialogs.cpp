#include "ui/window/Dialogs.h"

#include <QFileDialog>
#include <QInputDialog>

namespace ui
{

Dialogs Dialogs::standard()
{
    Dialogs d;
    d.openFileName = [](QWidget *parent, const QString &caption, const QString &filter) {
        return QFileDialog::getOpenFileName(parent, caption, QString(), filter);
    };
    d.saveFileName = [](QWidget *parent, const QString &caption, const QString &filter) {
        return QFileDialog::getSaveFileName(parent, caption, QString(), filter);
    };
    d.question = [](QWidget *parent, const QString &title, const QString &text, QMessageBox::StandardButtons buttons) {
        return QMessageBox::question(parent, title, text, buttons);
    };
    d.inform = [](QWidget *parent, const QString &title, const QString &text) {
        QMessageBox box(QMessageBox::Information, title, text, QMessageBox::Ok, parent);
        box.exec();
    };
    d.choose = [](QWidget *parent, const QString &title, const QString &text, const QStringList &choices) {
        bool ok = false;
        const QString item = QInputDialog::getItem(parent, title, text, choices, 0, false, &ok);
        return ok ? int(choices.indexOf(item)) : -1;
    };
    return d;
}

} // namespace ui
