// wagtail-localize's translation editor (a React bundle) writes two phrases in English with no
// catalogue behind them: the header "<source> to <target> translation" and "More actions".
// This rewrites them in the admin's language (<html lang>) as they render. docs/translation.md
(function () {
    var lang = (document.documentElement.lang || 'de').toLowerCase();
    var phrases = {
        de: { title: 'Übersetzung {source} → {target}', more: 'Weitere Aktionen' },
        'zh-hans': { title: '{source} → {target} 翻译', more: '更多操作' },
    }[lang];
    if (!phrases) return;
    var TITLE = /^(.+) to (.+) translation$/;

    function rewrite(root) {
        var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        var node;
        while ((node = walker.nextNode())) {
            var text = node.nodeValue.trim();
            var match = TITLE.exec(text);
            if (match) {
                node.nodeValue = phrases.title
                    .replace('{source}', match[1])
                    .replace('{target}', match[2]);
            } else if (text === 'More actions') {
                node.nodeValue = phrases.more;
            }
        }
    }

    function start() {
        var editor = document.querySelector('.js-translation-editor, #translation-editor, main');
        if (!editor) return;
        rewrite(editor);
        new MutationObserver(function (mutations) {
            mutations.forEach(function (mutation) {
                mutation.addedNodes.forEach(function (added) {
                    if (added.nodeType === Node.ELEMENT_NODE) rewrite(added);
                    else if (added.nodeType === Node.TEXT_NODE && added.parentNode) {
                        rewrite(added.parentNode);
                    }
                });
            });
        }).observe(editor, { childList: true, subtree: true });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
})();
