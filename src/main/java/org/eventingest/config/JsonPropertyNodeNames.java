package org.eventingest.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;

/**
 * Names constraint violations after the configuration's keys ({@code pipeline.shards_count})
 * instead of the Java fields ({@code pipeline.shardsCount}), so that an error names what the
 * operator wrote.
 */
final class JsonPropertyNodeNames implements PropertyNodeNameProvider {

    private final ObjectMapper mapper;
    private final Map<Class<?>, Map<String, String>> names = new ConcurrentHashMap<>();

    JsonPropertyNodeNames(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String getName(Property property) {
        if (property instanceof JavaBeanProperty bean) {
            return names.computeIfAbsent(bean.getDeclaringClass(), this::jsonNames)
                    .getOrDefault(property.getName(), property.getName());
        }
        return property.getName();
    }

    private Map<String, String> jsonNames(Class<?> type) {
        final Map<String, String> byField = new ConcurrentHashMap<>();
        for (BeanPropertyDefinition definition : mapper.getDeserializationConfig()
                .introspect(mapper.constructType(type)).findProperties()) {
            byField.put(definition.getInternalName(), definition.getName());
        }
        return byField;
    }
}
