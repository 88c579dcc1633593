// MainWindow's Help menu: the user guide (docs/USER-GUIDE.md in a browser window), the
// keyboard shortcuts and About. The window's other parts are in mainwindow.cpp.

#include "mainwindow.h"
#include <QAction>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QDir>
#include <QImage>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFragment>
#include <QTextImageFormat>
#include <QUrl>
#include <QVBoxLayout>

namespace dci {

void MainWindow::showUserGuide()
{
    // docs/USER-GUIDE.md and its pictures, compiled in (app/gui/CMakeLists.txt).
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("userGuide"));
    dialog->setWindowTitle(tr("DCI Planner User Guide"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *browser = new QTextBrowser(dialog);
    browser->setObjectName(QStringLiteral("userGuideText"));
    browser->setOpenExternalLinks(true);
    browser->setSource(QUrl(QStringLiteral("qrc:/guide/USER-GUIDE.md")), QTextDocument::MarkdownResource);
    // The pictures are window-sized screenshots: shown at the reading width, not wider.
    constexpr int kPictureWidth = 820;
    QTextCursor cursor(browser->document());
    for (QTextBlock block = browser->document()->begin(); block.isValid(); block = block.next())
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            QTextImageFormat image = fragment.charFormat().toImageFormat();
            if (!image.isValid())
                continue;
            const QImage picture = browser->document()
                                       ->resource(QTextDocument::ImageResource, QUrl(image.name()))
                                       .value<QImage>();
            if (picture.isNull() || picture.width() <= kPictureWidth)
                continue;
            image.setWidth(kPictureWidth);
            image.setHeight(kPictureWidth * picture.height() / double(picture.width()));
            cursor.setPosition(fragment.position());
            cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
            cursor.setCharFormat(image);
        }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(browser);
    layout->addWidget(buttons);
    dialog->resize(900, 700);
    dialog->show();
}

void MainWindow::showShortcuts()
{
    QMessageBox box(this);
    box.setObjectName(QStringLiteral("shortcuts"));
    box.setWindowTitle(tr("Keyboard Shortcuts"));
    box.setTextFormat(Qt::RichText);
    box.setText(shortcutsHtml());
    box.exec();
}

QString MainWindow::shortcutsHtml() const
{
    // Every menu action that has a shortcut, menu by menu: the list cannot drift from the
    // menus, since it is read from them.
    QString html = QStringLiteral("<table cellpadding='3'>");
    for (QAction *menuAction : menuBar()->actions()) {
        QMenu *menu = menuAction->menu();
        if (!menu)
            continue;
        QString rows;
        for (QAction *a : menu->actions())
            if (!a->shortcut().isEmpty())
                rows += QStringLiteral("<tr><td>%1</td><td><b>%2</b></td></tr>")
                            .arg(a->text().remove(QLatin1Char('&')).toHtmlEscaped(),
                                 a->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped());
        if (!rows.isEmpty())
            html += QStringLiteral("<tr><td colspan='2'><br><i>%1</i></td></tr>")
                        .arg(menuAction->text().remove(QLatin1Char('&')).toHtmlEscaped())
                    + rows;
    }
    html += QStringLiteral("</table><p>%1</p>")
                .arg(tr("On the canvas: drag to move sites, Shift+drag to select an area, Delete to remove the "
                        "selection, Escape to cancel a drawing tool. In a Properties field Enter applies and Escape "
                        "restores the value."));
    return html;
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About DCI Planner"),
                       tr("<b>DCI Planner</b> %1<br>Plan multi-datacenter AI training over coherent "
                          "ZR optics: sites, spans, the bandwidth a job needs and what the "
                          "interconnect can carry.")
                           .arg(QCoreApplication::applicationVersion()));
}

} // namespace dci
