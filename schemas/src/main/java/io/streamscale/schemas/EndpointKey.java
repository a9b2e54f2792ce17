package io.streamscale.schemas;

import java.util.regex.Pattern;

/**
 * The key of every keyed StreamScale topic: {@code endpointName/variantName}. SageMaker names hold
 * only letters, digits and hyphens, so the slash is unambiguous and one endpoint variant's records
 * always land in one partition.
 */
public record EndpointKey(String endpoint, String variant) {

    public static final String DEFAULT_VARIANT = "AllTraffic";
    /** SageMaker's rule for endpoint and variant names: up to 63 letters, digits and inner hyphens. */
    public static final Pattern SAGEMAKER_NAME = Pattern.compile("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$");

    public EndpointKey {
        if (endpoint == null || endpoint.isEmpty()) {
            throw new IllegalArgumentException("endpoint name is empty");
        }
        if (variant == null || variant.isEmpty()) {
            variant = DEFAULT_VARIANT;
        }
    }

    /** Parses {@code endpoint/variant}; a key without a slash names the AllTraffic variant. */
    public static EndpointKey parse(final String key) {
        if (key == null) {
            throw new IllegalArgumentException("key is null");
        }
        final int slash = key.indexOf('/');
        return slash < 0 ? new EndpointKey(key, DEFAULT_VARIANT)
                : new EndpointKey(key.substring(0, slash), key.substring(slash + 1));
    }

    public static String of(final String endpoint, final String variant) {
        return endpoint + "/" + (variant == null || variant.isEmpty() ? DEFAULT_VARIANT : variant);
    }

    public static boolean isValidName(final String name) {
        return name != null && SAGEMAKER_NAME.matcher(name).matches();
    }

    @Override
    public String toString() {
        return of(endpoint, variant);
    }
}
