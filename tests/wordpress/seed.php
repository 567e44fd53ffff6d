<?php
/**
 * Sets up the test's WordPress from the command line, the way wp-cli's `core install` does:
 * php seed.php install|setup. Reads its settings from the environment (see wordpress.mjs).
 * `setup` prints a JSON object: each role's user name and application password.
 *
 * @package Lifeline
 */

$_SERVER['HTTP_HOST']        = getenv( 'WP_TEST_HOST' );
$_SERVER['SERVER_NAME']      = '127.0.0.1';
$_SERVER['REQUEST_URI']      = '/';
$_SERVER['WORDPRESS_CONFIG'] = getenv( 'WORDPRESS_CONFIG' );
$step                        = isset( $argv[1] ) ? $argv[1] : '';

if ( 'install' === $step ) {
	define( 'WP_INSTALLING', true );
	/** No mail server here: the new site's notice is not sent. */
	function wp_new_blog_notification() {}
	require '/usr/share/wordpress/wp-load.php';
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	wp_install( 'A think-tank', 'admin', 'admin@example.org', true, '', 'admin-password-1' );
	exit( 0 );
}

require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
switch_theme( 'twentytwentythree' );
$activated = activate_plugin( 'lifeline/lifeline.php' );
if ( is_wp_error( $activated ) ) {
	fwrite( STDERR, $activated->get_error_message() . "\n" );
	exit( 1 );
}
update_option( 'lifeline_base_url', getenv( 'LIFELINE_BASE' ) );
$users = array();
foreach ( array( 'administrator', 'editor', 'author' ) as $role ) {
	$login = 'administrator' === $role ? 'admin' : $role;
	$user  = get_user_by( 'login', $login );
	$id    = $user ? $user->ID : wp_insert_user(
		array(
			'user_login' => $login,
			'user_pass'  => $login . '-password-1',
			'user_email' => $login . '@example.org',
			'role'       => $role,
		)
	);
	if ( is_wp_error( $id ) ) {
		fwrite( STDERR, $id->get_error_message() . "\n" );
		exit( 1 );
	}
	$made = WP_Application_Passwords::create_new_application_password( $id, array( 'name' => 'lifeline-test' ) );
	if ( is_wp_error( $made ) ) {
		fwrite( STDERR, $made->get_error_message() . "\n" );
		exit( 1 );
	}
	$users[ $role ] = array(
		'login'    => $login,
		'password' => $login . '-password-1',
		'app'      => $made[0],
	);
}
echo wp_json_encode( $users );
