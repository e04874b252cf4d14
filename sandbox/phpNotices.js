// @ts-check
'use strict';
/** What PHP prints into an answer on hosts with `display_errors` on (HTML, before the JSON). */

/** A deprecation notice as PHP 8.2 prints one for plugin code, before every successful answer. */
const DEPRECATION_NOTICE =
	'<br />\n<b>Deprecated</b>:  Creation of dynamic property TVA_Product::$sets is deprecated in <b>/var/www/html/wp-content/plugins/thrive-apprentice/inc/classes/class-tva-product.php</b> on line <b>42</b><br />\n';

/** Observed: `newOrder` without `order.processor`. */
const PROCESSOR_WARNING =
	'<br />\n<b>Warning</b>:  Undefined array key &quot;processor&quot; in <b>/var/www/html/wp-content/plugins/thrive-apprentice/inc/classes/class-tva-thrivecart.php</b> on line <b>214</b><br />\n';

module.exports = { DEPRECATION_NOTICE, PROCESSOR_WARNING };
