<?php
/**
 * Removes the plugin's one setting when the plugin is deleted.
 *
 * @package Lifeline
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'lifeline_base_url' );
