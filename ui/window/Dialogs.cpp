#include "ui/window/Dialogs.h"

#include <QFileDialog>

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
    return d;
}

} // namespace ui
