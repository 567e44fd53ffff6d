<?php
/**
 * The explainer's address, set once for the site (Settings → Lifeline), checked when saved.
 *
 * @package Lifeline
 */

defined( 'ABSPATH' ) || exit;

/**
 * The folder the explainers are published at (`make dist`'s dist/, on a server or CDN), with a
 * trailing slash, or '' when none is set. A LIFELINE_BASE_URL constant in wp-config.php wins
 * over the setting (for sites whose settings are kept in code).
 *
 * @return string
 */
function lifeline_base_url() {
	$url = defined( 'LIFELINE_BASE_URL' ) ? (string) LIFELINE_BASE_URL : (string) get_option( 'lifeline_base_url', '' );
	$checked = lifeline_check_base_url( $url );
	return is_wp_error( $checked ) ? '' : $checked;
}

/**
 * Checks an address given as the explainers' base: an absolute http(s) URL with no query,
 * fragment or credentials. Returns it with one trailing slash, or a WP_Error that says why not.
 *
 * @param string $url The address as typed.
 * @return string|WP_Error
 */
function lifeline_check_base_url( $url ) {
	$url = trim( $url );
	if ( '' === $url ) {
		return new WP_Error( 'lifeline_empty', __( 'No address is set.', 'lifeline' ) );
	}
	$parts = wp_parse_url( $url );
	if ( ! is_array( $parts ) || empty( $parts['scheme'] ) || empty( $parts['host'] ) ) {
		return new WP_Error( 'lifeline_relative', __( 'The address must be a full URL, such as https://example.org/explainers/.', 'lifeline' ) );
	}
	if ( ! in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true ) ) {
		return new WP_Error( 'lifeline_scheme', __( 'The address must start with https:// (or http://).', 'lifeline' ) );
	}
	if ( isset( $parts['query'] ) || isset( $parts['fragment'] ) || isset( $parts['user'] ) || isset( $parts['pass'] ) ) {
		return new WP_Error( 'lifeline_extra', __( 'The address must be a folder, with no ?query, #fragment or password in it.', 'lifeline' ) );
	}
	$path = isset( $parts['path'] ) ? $parts['path'] : '/';
	// A page's address (…/index.html) names its folder.
	$path = preg_replace( '#/index\.html?$#i', '/', $path );
	$path = trailingslashit( $path );
	$port = isset( $parts['port'] ) ? ':' . (int) $parts['port'] : '';
	$clean = strtolower( $parts['scheme'] ) . '://' . strtolower( $parts['host'] ) . $port . $path;
	if ( esc_url_raw( $clean ) !== $clean ) {
		return new WP_Error( 'lifeline_chars', __( 'The address has characters a URL cannot hold.', 'lifeline' ) );
	}
	return $clean;
}

/**
 * The settings page, its one field, and the check when it is saved.
 */
function lifeline_settings_init() {
	register_setting(
		'lifeline',
		'lifeline_base_url',
		array(
			'type'              => 'string',
			'default'           => '',
			'sanitize_callback' => 'lifeline_sanitize_base_url',
			'show_in_rest'      => false,
		)
	);
	add_settings_section( 'lifeline_main', '', '__return_false', 'lifeline' );
	add_settings_field(
		'lifeline_base_url',
		__( 'Address of the explainers', 'lifeline' ),
		'lifeline_field_base_url',
		'lifeline',
		'lifeline_main',
		array( 'label_for' => 'lifeline_base_url' )
	);
}
add_action( 'admin_init', 'lifeline_settings_init' );

/**
 * Keeps a valid address (normalised), refuses an invalid one with a message and keeps the old
 * value; warns, without refusing, when no explainer answers at the address.
 *
 * @param mixed $value The submitted value.
 * @return string
 */
function lifeline_sanitize_base_url( $value ) {
	// WordPress may sanitize one save twice (add_option after update_option on a first save):
	// each value is checked, probed and reported once per request.
	static $done = array();
	$key = is_string( $value ) ? $value : '';
	if ( isset( $done[ $key ] ) ) {
		return $done[ $key ];
	}
	$done[ $key ] = lifeline_sanitize_base_url_once( $value );
	return $done[ $key ];
}

/**
 * The check behind lifeline_sanitize_base_url(), run once per value.
 *
 * @param mixed $value The submitted value.
 * @return string
 */
function lifeline_sanitize_base_url_once( $value ) {
	$old = (string) get_option( 'lifeline_base_url', '' );
	$value = is_string( $value ) ? $value : '';
	if ( '' === trim( $value ) ) {
		return '';
	}
	$checked = lifeline_check_base_url( $value );
	if ( is_wp_error( $checked ) ) {
		add_settings_error( 'lifeline_base_url', $checked->get_error_code(), $checked->get_error_message() );
		return $old;
	}
	// The script embed loads www/embed.js from there: a folder without it is not a Lifeline build.
	$probe = wp_remote_head( $checked . 'www/embed.js', array( 'timeout' => 5 ) );
	if ( is_wp_error( $probe ) || 200 !== (int) wp_remote_retrieve_response_code( $probe ) ) {
		add_settings_error(
			'lifeline_base_url',
			'lifeline_unreachable',
			sprintf(
				/* translators: %s: the address of the embed script that could not be reached. */
				__( 'Saved, but %s could not be reached from this server. Check the address: it is the folder holding index.html and www/.', 'lifeline' ),
				esc_html( $checked . 'www/embed.js' )
			),
			'warning'
		);
	}
	return $checked;
}

/**
 * The field: the address, with what it is.
 */
function lifeline_field_base_url() {
	$value = (string) get_option( 'lifeline_base_url', '' );
	printf(
		'<input type="url" class="regular-text code" id="lifeline_base_url" name="lifeline_base_url" value="%s" placeholder="https://example.org/explainers/"%s>',
		esc_attr( $value ),
		defined( 'LIFELINE_BASE_URL' ) ? ' disabled' : ''
	);
	echo '<p class="description">';
	if ( defined( 'LIFELINE_BASE_URL' ) ) {
		esc_html_e( 'Set by LIFELINE_BASE_URL in wp-config.php.', 'lifeline' );
	} else {
		esc_html_e( 'The folder the explainers are published at: the one holding index.html and www/. Its server must allow this site to load them (the CORS header, see the explainers\' docs, "Deploying").', 'lifeline' );
	}
	echo '</p>';
}

/**
 * Settings → Lifeline, for those who may change the site's settings.
 */
function lifeline_settings_menu() {
	add_options_page(
		__( 'Lifeline explainers', 'lifeline' ),
		__( 'Lifeline', 'lifeline' ),
		'manage_options',
		'lifeline',
		'lifeline_settings_page'
	);
}
add_action( 'admin_menu', 'lifeline_settings_menu' );

/**
 * The settings page.
 */
function lifeline_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	echo '<div class="wrap"><h1>' . esc_html( get_admin_page_title() ) . '</h1><form action="options.php" method="post">';
	settings_fields( 'lifeline' );
	do_settings_sections( 'lifeline' );
	// With the address set in wp-config.php there is nothing to save (and saving would clear it).
	if ( ! defined( 'LIFELINE_BASE_URL' ) ) {
		submit_button();
	}
	echo '</form></div>';
}
