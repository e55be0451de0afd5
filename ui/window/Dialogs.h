#pragma once

#include <QMessageBox>
#include <QString>
#include <QStringList>

#include <functional>

class QWidget;

namespace ui
{

// Dialogs are the window's seams onto modal dialogs: file choosers, questions and messages. The defaults open
// QFileDialog and QMessageBox; tests replace them with functions that answer at once. A plain value.
struct Dialogs
{
    // openFileName and saveFileName return the chosen path, or an empty string when cancelled.
    std::function<QString(QWidget *parent, const QString &caption, const QString &filter)> openFileName;
    std::function<QString(QWidget *parent, const QString &caption, const QString &filter)> saveFileName;
    // question returns the button chosen among buttons.
    std::function<QMessageBox::StandardButton(
        QWidget *parent, const QString &title, const QString &text, QMessageBox::StandardButtons buttons)>
        question;
    // inform shows a message (an error, an import report) and returns when it was read.
    std::function<void(QWidget *parent, const QString &title, const QString &text)> inform;
    // choose returns the index of the item picked among choices (not empty; the first is preselected), or -1 when
    // cancelled.
    std::function<int(QWidget *parent, const QString &title, const QString &text, const QStringList &choices)> choose;

    // standard returns the dialogs of QFileDialog and QMessageBox.
    static Dialogs standard();
};

} // namespace ui
