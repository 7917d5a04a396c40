/*
 * Starts the design system components the portal uses. Never calls DS.initAll(), which would
 * also start the design system's tracking. Loaded as a module after design-system.js, which
 * sets window.DS.
 */
const DS = window.DS;

if (DS) {
    document.documentElement.classList.replace('no-js', 'js-enabled');

    // Quick exit: the button and the Escape key blank the page and replace it (location.replace),
    // so Back does not return here. The destination comes from the page, never from the URL.
    // Signed in, the quick exit also ends the session: a request that outlives the page (sendBeacon) goes to
    // the same-origin address in data-sign-out. These listeners are added first, so they run before the page is
    // blanked and replaced; without JavaScript the link itself goes to that address.
    document.querySelectorAll('.ds_hide-page').forEach((element) => {
        const button = element.querySelector('.js-hide-page');
        const signOut = button && button.dataset.signOut;
        if (signOut) {
            let sent = false;
            const endSession = () => {
                if (!sent) {
                    sent = navigator.sendBeacon(signOut);
                }
            };
            button.addEventListener('click', endSession);
            document.addEventListener('keyup', (event) => {
                if (event.key === 'Escape') {
                    endSession();
                }
            });
        }
        new DS.components.HideThisPage(element).init();
    });

    document.querySelectorAll('[data-module="ds-mobile-navigation-menu"]').forEach((element) => {
        new DS.components.SiteNavigation(element).init();
    });

    document.querySelectorAll('[data-module="ds-accordion"]').forEach((element) => {
        new DS.components.Accordion(element).init();
    });

    DS.components.skipLinks.init();
}
