/*
 * Starts the design system components the portal uses, and only those: scripts/build-assets.mjs bundles this file
 * with the components it imports into the one script the pages load (as a module, so deferred, and run only by
 * browsers that can; without it every page still works). Never the design system's initAll(), which would also start
 * its tracking.
 */
import Accordion from '@scottish-government/design-system/src/components/accordion/accordion';
import HideThisPage from '@scottish-government/design-system/src/components/hide-this-page/hide-this-page';
import SiteNavigation from '@scottish-government/design-system/src/components/site-navigation/site-navigation';
import skipLinks from '@scottish-government/design-system/src/components/skip-links/skip-links';

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
    new HideThisPage(element).init();
});

document.querySelectorAll('[data-module="ds-mobile-navigation-menu"]').forEach((element) => {
    new SiteNavigation(element).init();
});

document.querySelectorAll('[data-module="ds-accordion"]').forEach((element) => {
    new Accordion(element).init();
});

skipLinks.init();
