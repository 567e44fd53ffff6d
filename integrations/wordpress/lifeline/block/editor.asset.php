<?php
/**
 * The editor script's dependencies (no build step: it is plain JavaScript).
 *
 * @package Lifeline
 */

return array(
	'dependencies' => array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n' ),
	'version'      => '0.1.0',
);
